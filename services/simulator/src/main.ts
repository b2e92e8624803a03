#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { acceleratedClock, type Clock, clockEnv, clockFromEnv } from '@stuurwiel/runtime';
import type { z } from 'zod';
import { credentialsOptions, parseOptions, runOptions } from './cli-options.js';
import { BUNDLED_MUNICIPALITIES, bundledPath, loadMunicipality, type MunicipalityConfig } from './config.js';
import { loadSecrets, makeCredentials } from './credentials.js';
import { startSimulator } from './simulator.js';

const USAGE = `usage:
  stuurwiel-simulator credentials --out-credentials FILE --out-secrets FILE [--zgw-url URL] [--municipality M ...]
  stuurwiel-simulator run --ingest-url URL --secrets FILE [--municipality M ...] [--speed N] [--start ISO]
                          [--scenario S[,S]] [--duration D] [--zgw-port N] [--work-dir DIR]

credentials  writes ingest's credentials file (one key per municipality, ZGW roots on the simulator's
             ZGW server) and the simulator's secrets file that goes with it.
run          loads each municipality's reference data into ingest, then feeds ingest what its systems
             would send: Qmatic visit events, ZGW notifications (the Zaken and Catalogi APIs are served
             on --zgw-port), Asterisk queue_log lines (through ingest's tail follower) and survey answers.
  --municipality M  a bundled one (${BUNDLED_MUNICIPALITIES.join(', ')}) or a .yaml/.json file; default all three
  --speed N         simulated seconds per wall second (1-3600); with --start the demo clock starts there.
                    STUURWIEL_CLOCK_START/_ORIGIN/_SPEED, when set, give the clock instead (shared by all services)
  --scenario S      desk-closure, sick-day, phone-silent, or all (comma-separated or repeated)
  --duration D      stop after this much simulated time, e.g. 90m, 8h, 2d (default: run until stopped)
  --zgw-port N      port of the ZGW server (default 8790; must match the URLs in ingest's credentials)
  --work-dir DIR    queue_log files and follower state (default .cache/simulator)`;

function log(message: string): void {
  console.error(`${new Date().toISOString()} simulator: ${message}`);
}

async function municipalities(names: string[]): Promise<MunicipalityConfig[]> {
  const list = names.length > 0 ? names : [...BUNDLED_MUNICIPALITIES];
  return Promise.all(
    list.map((name) =>
      loadMunicipality(
        (BUNDLED_MUNICIPALITIES as readonly string[]).includes(name) ? bundledPath(name) : resolve(name),
      ),
    ),
  );
}

/** The run's clock: the shared demo clock from the environment, --speed/--start, or the wall clock. */
function clockFor(options: { speed?: number; start?: string }, env: NodeJS.ProcessEnv): Clock {
  const shared = clockEnv.safeParse(env);
  if (!shared.success)
    throw new Error(shared.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n'));
  if (shared.data.STUURWIEL_CLOCK_START !== undefined) {
    if (options.speed !== undefined || options.start !== undefined) {
      throw new Error(
        '--speed/--start: STUURWIEL_CLOCK_START is set; the shared demo clock decides the time',
      );
    }
    return clockFromEnv(shared.data);
  }
  if (options.speed === undefined && options.start === undefined) return () => new Date();
  return acceleratedClock({
    start: options.start ? new Date(options.start) : new Date(),
    speed: options.speed ?? 1,
  });
}

async function credentials(options: z.output<typeof credentialsOptions>): Promise<number> {
  const made = makeCredentials(await municipalities(options.municipality), options.zgwUrl);
  for (const [path, content] of [
    [options.outCredentials, made.ingestCredentials],
    [options.outSecrets, made.secrets],
  ] as const) {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await writeFile(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  }
  log(`wrote ${options.outCredentials} (INGEST_CREDENTIALS_FILE) and ${options.outSecrets} (--secrets)`);
  return 0;
}

async function run(options: z.output<typeof runOptions>): Promise<number> {
  const clock = clockFor(options, process.env);
  // The shared clock is every service's, ingest's included (npm start sets it for all of them).
  const clockSharedWithIngest = Boolean(process.env.STUURWIEL_CLOCK_START);
  const start = clock();
  const simulator = await startSimulator({
    municipalities: await municipalities(options.municipality),
    ingestUrl: options.ingestUrl,
    secrets: await loadSecrets(options.secrets),
    clock,
    scenarios: options.scenario,
    workDir: resolve(options.workDir),
    zgwPort: options.zgwPort,
    clockSharedWithIngest,
    ...(options.duration === undefined ? {} : { until: new Date(start.getTime() + options.duration) }),
    log,
  });
  let signalled = false;
  const stop = () => {
    log('stopping');
    signalled = true;
    void simulator.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const report = setInterval(() => log(`sent so far: ${JSON.stringify(simulator.stats())}`), 60_000);
  let failed = false;
  await simulator.finished.catch((error: unknown) => {
    failed = true;
    log(`failed: ${(error as Error).message}`);
  });
  clearInterval(report);
  // At the end of --duration the followers deliver the last lines first; a signal stops at once.
  if (!signalled && !failed && !(await simulator.drained()))
    log('the tail followers did not deliver every line in time');
  await simulator.stop();
  log(`done: ${JSON.stringify(simulator.stats())}`);
  return failed ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  try {
    const commands = { credentials: [credentialsOptions, credentials], run: [runOptions, run] } as const;
    if (command === 'credentials' || command === 'run') {
      const [schema, action] = commands[command];
      const parsed = parseOptions(schema as z.ZodType, rest);
      if (!parsed.ok) {
        console.error(`${parsed.message}\n\n${USAGE}`);
        return 2;
      }
      return await (action as (options: unknown) => Promise<number>)(parsed.options);
    }
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  console.error(`unknown command '${command}'\n\n${USAGE}`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
