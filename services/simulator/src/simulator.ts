import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '@stuurwiel/runtime';
import type { MunicipalityConfig } from './config.js';
import { IngestClient } from './ingest-client.js';
import { Municipality } from './municipality.js';
import { type Outgoing, SOURCES, type SourceName } from './records.js';
import { referenceEvents } from './reference.js';
import type { ScenarioName } from './scenarios.js';
import { startTailFollower, type TailFollower } from './tail-follower.js';
import { startZgwServer, type ZgwServer } from './zgw-server.js';

/** What the simulator needs per municipality to reach ingest and to serve its ZGW APIs. */
export interface TenantSecrets {
  apiKey: string;
  zgw: { clientId: string; secret: string };
}

export interface SimulatorOptions {
  municipalities: MunicipalityConfig[];
  ingestUrl: string;
  secrets: Record<string, TenantSecrets>;
  clock: Clock;
  scenarios?: readonly ScenarioName[];
  /** Where the queue_log files and the followers' state live. */
  workDir: string;
  /** A ZGW server already running (its URL is in ingest's credentials), or the port for one. */
  zgwServer?: ZgwServer;
  zgwPort?: number;
  /** Stop once the simulated clock reaches this instant. */
  until?: Date;
  /**
   * Whether ingest reads the same clock (the shared STUURWIEL_CLOCK_*): then a clock ahead of the
   * wall clock is fine; otherwise the simulator warns, since ingest refuses events far ahead of it.
   */
  clockSharedWithIngest?: boolean;
  /** Wall milliseconds between rounds (default 500). */
  tickMs?: number;
  log?: (message: string) => void;
}

export interface SourceStats {
  /** Records handed to ingest (queue_log: lines written). */
  sent: number;
  /** Canonical events ingest produced from them. */
  events: number;
  /** Records ingest refused (dead-lettered). */
  rejected: number;
}

export interface RunningSimulator {
  readonly zgwServer: ZgwServer;
  readonly municipalities: Municipality[];
  /** Counts per source over all municipalities (queue_log: lines written; the follower posts them). */
  stats(): Record<SourceName | 'reference', SourceStats>;
  /** Resolves when `until` is reached (never without it) or after stop(). */
  readonly finished: Promise<void>;
  /** Waits until the followers have delivered every queue_log line written so far. */
  drained(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** Ingest's default INGEST_MAX_FUTURE_SECONDS is 300: warn a little before events pass it. */
const FUTURE_WARNING_MS = 240_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs simulated municipalities against a real ingest service: reference data once at the start,
 * then in rounds the records whose simulated instant has come, each in its source's own format
 * and path (Qmatic events, ZGW notifications, survey posts over HTTP; queue_log lines into a file
 * that ingest's tail follower reads).
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const log = options.log ?? (() => {});
  const zgwServer = options.zgwServer ?? (await startZgwServer({ port: options.zgwPort ?? 0 }));
  const ownsZgwServer = options.zgwServer === undefined;
  await mkdir(options.workDir, { recursive: true });
  const stopping = new AbortController();
  const client = new IngestClient({ url: options.ingestUrl, log, stop: stopping.signal });
  const stats = Object.fromEntries(
    [...SOURCES, 'reference'].map((s) => [s, { sent: 0, events: 0, rejected: 0 }]),
  ) as Record<SourceName | 'reference', SourceStats>;

  const municipalities = options.municipalities.map((config) => {
    const secrets = options.secrets[config.tenant];
    if (!secrets) throw new Error(`no API key and ZGW secret for ${config.tenant} in the secrets`);
    const municipality = new Municipality(config, {
      scenarios: options.scenarios ?? [],
      zgwServerUrl: zgwServer.url,
      zgwCredentials: secrets.zgw,
    });
    zgwServer.add(municipality.store);
    return municipality;
  });
  const keyOf = (tenant: string) => options.secrets[tenant]!.apiKey;
  const queueLog = (tenant: string) => join(options.workDir, `${tenant}.queue_log`);

  const record = async (
    source: SourceName | 'reference',
    sent: number,
    posting: ReturnType<IngestClient['post']>,
  ) => {
    stats[source].sent += sent;
    for (const result of await posting) {
      stats[source].events += result.events;
      stats[source].rejected += result.rejected;
    }
  };

  const now = options.clock();
  for (const municipality of municipalities) {
    const events = referenceEvents(municipality.config, now);
    await record('reference', events.length, client.post('canonical', keyOf(municipality.tenant), events));
  }
  const followers: TailFollower[] = [];
  for (const municipality of municipalities) {
    await appendFile(queueLog(municipality.tenant), '');
    followers.push(
      await startTailFollower({
        file: queueLog(municipality.tenant),
        url: options.ingestUrl,
        apiKey: keyOf(municipality.tenant),
        workDir: options.workDir,
        tenant: municipality.tenant,
        log,
      }),
    );
  }
  log(
    `simulating ${municipalities.map((m) => `${m.config.name} (${m.tenant})`).join(', ')} from ${now.toISOString()}` +
      (options.scenarios?.length ? ` with ${options.scenarios.join(', ')}` : ''),
  );

  async function deliver(municipality: Municipality, records: Outgoing[]): Promise<void> {
    const key = keyOf(municipality.tenant);
    const bodies = (source: 'qmatic' | 'zgw' | 'survey') =>
      records.flatMap((r) => (r.source === source ? [r.body] : []));
    const lines = records.flatMap((r) => (r.source === 'asterisk' ? [r.line] : []));
    if (lines.length > 0) {
      await appendFile(queueLog(municipality.tenant), `${lines.join('\n')}\n`);
      stats.asterisk.sent += lines.length;
    }
    await Promise.all(
      (['qmatic', 'zgw', 'survey'] as const).map((source) => {
        const items = bodies(source);
        return items.length === 0 ? undefined : record(source, items.length, client.post(source, key, items));
      }),
    );
  }

  const tickMs = options.tickMs ?? 500;
  let warnedAhead = options.clockSharedWithIngest ?? false;
  const finished = (async () => {
    while (!stopping.signal.aborted) {
      const round = Date.now();
      let until = options.clock().getTime();
      const end = options.until?.getTime();
      if (end !== undefined) until = Math.min(until, end);
      if (!warnedAhead && until - Date.now() > FUTURE_WARNING_MS) {
        warnedAhead = true;
        log(
          'the simulated clock is ahead of the wall clock: ingest refuses events more than ' +
            'INGEST_MAX_FUTURE_SECONDS ahead of its own clock; start the demo clock in the past',
        );
      }
      await Promise.all(municipalities.map((m) => deliver(m, m.advance(until))));
      if (end !== undefined && until >= end) break;
      await sleep(Math.max(0, tickMs - (Date.now() - round)));
    }
  })();
  finished.catch((error) => log(`stopped: ${(error as Error).stack ?? error}`));

  async function drained(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const all = await Promise.all(followers.map((f) => f.caughtUp()));
      if (all.every(Boolean)) return true;
      await sleep(200);
    }
    return false;
  }

  return {
    zgwServer,
    municipalities,
    stats: () => structuredClone(stats),
    finished,
    drained,
    async stop() {
      stopping.abort();
      await finished.catch(() => {});
      await Promise.all(followers.map((f) => f.stop()));
      if (ownsZgwServer) await zgwServer.close();
    },
  };
}
