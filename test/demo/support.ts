import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { freeStablePort, REPO_ROOT } from '@stuurwiel/infra';

const START = `${REPO_ROOT}deploy/local/dist/start.js`;
/** What `npm start` runs: the built start script, the services and the simulator. */
const BUILT = [
  'deploy/local',
  'services/ingest',
  'services/aggregator',
  'services/alerting',
  'services/gateway',
  'services/simulator',
];

/** Builds what `npm start` runs (as `npm start` itself does first), so a stale dist is never tested. */
export async function buildStart(): Promise<void> {
  await promisify(execFile)(`${REPO_ROOT}node_modules/.bin/tsc`, ['-b', ...BUILT], { cwd: REPO_ROOT });
  if (!existsSync(START)) throw new Error(`${START} missing after tsc -b`);
}

/** The part of access.json a test uses (deploy/local/src/local-access.ts writes it). */
export interface Access {
  gateway: { url: string; docs: string };
  pages: { wall: string; inbox: string; manager: string; docs: string };
  tenant: { code: string };
  tokens: Record<'wallscreen' | 'teamlead' | 'manager' | 'admin', string>;
  wallscreen_key: { key: string; location: string };
}

export interface ServicePorts {
  gateway: number;
  ingest: number;
  aggregator: number;
  alerting: number;
}

export async function freeServicePorts(): Promise<ServicePorts> {
  return {
    gateway: await freeStablePort(),
    ingest: await freeStablePort(),
    aggregator: await freeStablePort(),
    alerting: await freeStablePort(),
  };
}

export interface StartedDemo {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Everything `npm start` printed so far. */
  output(): string;
  /** The access file this run wrote. */
  access(): Access;
  /** The demo clock's first instant, as start printed it. */
  demoStart(): Date;
  /** The demo instant the run has reached (the data folder's demo-clock.json). */
  demoReached(): Date;
  /** GET on the gateway's API with a credential (token or wall-screen key). */
  api<T = unknown>(path: string, credential: string): Promise<{ status: number; body: T }>;
}

/**
 * Runs `npm start`'s script as a new user would, with native Kafka and ClickHouse of its own (the
 * shared test infrastructure's addresses are taken out of its environment), and waits until it
 * says it is running.
 */
export async function startDemo(options: {
  dataDir: string;
  accessFile: string;
  ports: ServicePorts;
  logFile: string;
  args?: string[];
  readyTimeoutMs?: number;
  /** The built web pages the gateway serves (GATEWAY_WEB_DIR). */
  webDir?: string;
}): Promise<StartedDemo> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(KAFKA_|CLICKHOUSE_|INGEST_|ALERTING_|GATEWAY_|STUURWIEL_)/.test(name)) delete env[name];
  }
  Object.assign(env, {
    STUURWIEL_INFRA: 'native',
    STUURWIEL_DATA_DIR: options.dataDir,
    STUURWIEL_ACCESS_FILE: options.accessFile,
    GATEWAY_PORT: String(options.ports.gateway),
    INGEST_PORT: String(options.ports.ingest),
    AGGREGATOR_PORT: String(options.ports.aggregator),
    ALERTING_PORT: String(options.ports.alerting),
    ...(options.webDir === undefined ? {} : { GATEWAY_WEB_DIR: options.webDir }),
  });
  const child = spawn(process.execPath, [START, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      log.write(chunk);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => log.end());
  await waitFor(
    'npm start to say it is running',
    async () => {
      if (child.exitCode !== null) throw new StopWaiting(`npm start exited with ${child.exitCode}`);
      if (!output.includes('running; press Ctrl+C to stop')) throw new Error('not yet');
    },
    options.readyTimeoutMs ?? 240_000,
    () => `; its output (also in ${options.logFile}):\n${output}`,
  );
  const access = () => JSON.parse(readFileSync(options.accessFile, 'utf8')) as Access;
  return {
    child,
    exited,
    output: () => output,
    access,
    demoStart() {
      const printed = /demo clock: (\S+) at /.exec(output)?.[1];
      if (!printed) throw new Error(`npm start printed no demo clock:\n${output}`);
      return new Date(printed);
    },
    demoReached() {
      const kept = JSON.parse(readFileSync(`${options.dataDir}/demo-clock.json`, 'utf8')) as {
        reached: string;
      };
      return new Date(kept.reached);
    },
    async api<T>(path: string, credential: string) {
      const response = await fetch(`http://127.0.0.1:${options.ports.gateway}${path}`, {
        headers: { authorization: `Bearer ${credential}` },
      });
      return { status: response.status, body: (await response.json()) as T };
    },
  };
}

/** Thrown by a probe when waiting longer cannot help. */
export class StopWaiting extends Error {}

/** Polls `probe` until it resolves; fails with its last error (and `detail`) when time runs out. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  timeoutMs: number,
  detail: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await probe();
    } catch (error) {
      if (error instanceof StopWaiting) throw new Error(`${what}: ${error.message}${detail()}`);
      last = error;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s (last: ${(last as Error)?.message})${detail()}`);
}

/** The process and its descendants, from /proc. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in parentheses may hold spaces: the fields after its ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

/** TCP ports in LISTEN state, with the pids holding them (`ss`, as root sees every process). */
export function listeningPorts(): { port: number; pids: number[] }[] {
  const ss = spawnSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  if (ss.status !== 0) throw new Error(`ss -ltnpH failed: ${ss.stderr}`);
  return ss.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const local = line.trim().split(/\s+/)[3]!;
      return {
        port: Number(local.slice(local.lastIndexOf(':') + 1)),
        pids: [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])),
      };
    });
}

/** Whether a process still exists (a zombie left for its parent to reap counts as gone). */
export function alive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
