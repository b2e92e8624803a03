import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { type ManagedProcess, startProcess, waitUntil } from './child-process.js';
import { REPO_ROOT } from './paths.js';

const SIMULATOR = `${REPO_ROOT}services/simulator/dist/main.js`;
/** The municipalities services/simulator ships, in the order the demo shows them. */
export const DEMO_TENANTS = ['GM9901', 'GM9902', 'GM9903'] as const;
/**
 * The demo's wall screen shows every location of Zuiderstad in turn (the desk-closure scenario
 * hits its Stadskantoor) and the municipality's telephone line and cases.
 */
export const DEMO_WALLSCREEN_LOCATION = '*';

// Only the parts of the simulator's files that the demo reads or rewrites; the simulator and
// ingest validate them whole.
const credentialsFile = z.looseObject({
  tenants: z.record(
    z.string(),
    z.looseObject({
      zgw: z.looseObject({ zaken_api_url: z.string(), catalogi_api_url: z.string() }),
    }),
  ),
});
const secretsFile = z.looseObject({ tenants: z.record(z.string(), z.looseObject({ api_key: z.string() })) });

export interface SimulatorFiles {
  /** Ingest's credentials (INGEST_CREDENTIALS_FILE): a key per simulated municipality. */
  credentials: string;
  /** The simulator's API keys and ZGW secrets (`--secrets`). */
  secrets: string;
  apiKeyOf(tenant: string): string;
}

/**
 * The simulator's credentials, made once per data folder so that the pseudonyms ingest derives
 * stay the same across runs, with the ZGW API roots pointed at this run's ZGW port.
 */
export function simulatorFiles(dir: string, zgwPort: number): SimulatorFiles {
  mkdirSync(dir, { recursive: true });
  const credentials = `${dir}/ingest-credentials.json`;
  const secrets = `${dir}/secrets.json`;
  const root = `http://127.0.0.1:${zgwPort}`;
  if (!existsSync(credentials) || !existsSync(secrets)) {
    const made = spawnSync(
      process.execPath,
      [
        SIMULATOR,
        'credentials',
        '--out-credentials',
        credentials,
        '--out-secrets',
        secrets,
        '--zgw-url',
        root,
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`simulator credentials failed:\n${made.stdout}${made.stderr}`);
  }
  const json = JSON.parse(readFileSync(credentials, 'utf8')) as unknown;
  const parsed = credentialsFile.parse(json);
  for (const [tenant, settings] of Object.entries(parsed.tenants)) {
    settings.zgw.zaken_api_url = `${root}/${tenant}/zaken/api/v1`;
    settings.zgw.catalogi_api_url = `${root}/${tenant}/catalogi/api/v1`;
  }
  writeFileSync(credentials, `${JSON.stringify(parsed, null, 2)}\n`, { mode: 0o600 });
  const keys = secretsFile.parse(JSON.parse(readFileSync(secrets, 'utf8')));
  return {
    credentials,
    secrets,
    apiKeyOf(tenant) {
      const key = keys.tenants[tenant]?.api_key;
      if (!key) throw new Error(`${secrets} holds no API key of ${tenant}`);
      return key;
    },
  };
}

/**
 * Runs the simulator (services/simulator) for the three shipped municipalities with every
 * scenario, on the demo clock given in `env` (STUURWIEL_CLOCK_*), until it is stopped (SIGTERM:
 * its followers finish their batch and keep their position in `workDir`).
 */
export async function startSimulatorProcess(options: {
  ingestUrl: string;
  files: SimulatorFiles;
  zgwPort: number;
  workDir: string;
  logFile: string;
  env: NodeJS.ProcessEnv;
}): Promise<ManagedProcess> {
  const child = startProcess(
    'simulator',
    process.execPath,
    [
      SIMULATOR,
      'run',
      '--ingest-url',
      options.ingestUrl,
      '--secrets',
      options.files.secrets,
      '--scenario',
      'all',
      '--zgw-port',
      String(options.zgwPort),
      '--work-dir',
      options.workDir,
    ],
    { logFile: options.logFile, env: options.env },
  );
  // It says so once the reference data of every municipality is in and its followers run.
  await waitUntil(
    'simulator',
    async () => {
      if (!readFileSync(options.logFile, 'utf8').includes('simulator: simulating '))
        throw new Error('starting');
    },
    { timeoutMs: 120_000, logFile: options.logFile, exited: child.exited },
  );
  return child;
}
