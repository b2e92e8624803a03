import { QueueLogFollower } from './follower.js';
import { FatalSendError, QueueLogSender, realSleep, type Sleep } from './sender.js';
import { loadState, StateFileError, saveState } from './state.js';

export const QUEUE_LOG_PATH = '/v1/sources/asterisk/queue-log';

export interface TailOptions {
  /** Absolute path of the queue_log. */
  file: string;
  /** Base URL of the ingest service; the queue-log path is appended. */
  url: string;
  apiKey: string;
  statePath: string;
  batchLines: number;
  /** Most bytes per request; default 1 MiB, well under the service's body limit. */
  batchBytes?: number;
  intervalMs: number;
  /** Where rotation moves the old file; default `${file}.1`. */
  rotatedPath?: string;
  /** Abort to stop: the batch in flight is finished and its position saved first. */
  stop: AbortSignal;
  sleep?: Sleep;
  log?: (message: string) => void;
  requestTimeoutMs?: number;
  maxBackoffMs?: number;
}

/** Says what the server dead-lettered; the lines themselves are in its dead-letter topic. */
function reportRejects(status: number, body: string, log: (message: string) => void): void {
  let rejected: { index?: number; path?: string; reason?: string }[] = [];
  try {
    const answer = JSON.parse(body) as { rejected?: unknown };
    if (Array.isArray(answer.rejected)) rejected = answer.rejected;
  } catch {
    // Not JSON: nothing to add.
  }
  if (status === 202 && rejected.length === 0) return;
  const first = rejected[0];
  log(
    `${status === 202 ? rejected.length : 'all'} line(s) of the batch rejected by the server, which dead-lettered them` +
      (first ? ` (first: line ${first.index} ${first.path}: ${first.reason})` : ''),
  );
}

export function endpointFor(url: string): string {
  return `${url.replace(/\/+$/, '')}${QUEUE_LOG_PATH}`;
}

/**
 * Follows the queue_log and delivers each complete line once, in order: read a batch, post it
 * until the server takes it, then save the position after it (atomically). Only then is the
 * next batch read.
 *
 * At-least-once, not exactly-once: a crash between the server's 202 and the state write sends
 * that batch again after the restart. That is harmless, because the adapter derives every event
 * id from the line itself (callid, event, epoch, queue), so Kafka consumers and the replacing
 * tables in ClickHouse drop the repeats.
 */
export async function tailQueueLog(options: TailOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? realSleep;
  const state = await loadState(options.statePath);
  if (state && state.file !== options.file) {
    throw new StateFileError(
      `state file ${options.statePath} belongs to ${state.file}, not ${options.file}; give each queue_log its own --state`,
    );
  }
  const follower = new QueueLogFollower({
    path: options.file,
    rotatedPath: options.rotatedPath,
    start: state?.position,
    maxLines: options.batchLines,
    maxBytes: options.batchBytes ?? 1024 * 1024,
    log,
  });
  const sender = new QueueLogSender({
    endpoint: endpointFor(options.url),
    apiKey: options.apiKey,
    sleep,
    log,
    requestTimeoutMs: options.requestTimeoutMs,
    maxBackoffMs: options.maxBackoffMs,
  });
  await follower.start();
  const where = follower.position();
  log(
    where
      ? `following ${options.file} from byte ${where.offset}${state ? ' (saved position)' : ''}`
      : `waiting for ${options.file} to appear`,
  );
  let maxLines = options.batchLines;
  try {
    while (!options.stop.aborted) {
      const batch = await follower.read(maxLines);
      if (!batch) {
        await sleep(options.intervalMs, options.stop);
        continue;
      }
      // Only blank lines: nothing for the server, but the position moves past them.
      if (batch.body.toString('utf8').trim() !== '') {
        const outcome = await sender.send(batch.body, options.stop);
        if (outcome.kind === 'stopped') break;
        if (outcome.kind === 'too_large') {
          if (batch.lines === 1) {
            throw new FatalSendError(
              `the server refuses a single line as too large: ${outcome.body.slice(0, 300)}`,
            );
          }
          maxLines = Math.max(1, Math.floor(batch.lines / 2));
          log(
            `the server found ${batch.lines} lines too many for one request; sending at most ${maxLines} from now on`,
          );
          continue;
        }
        reportRejects(outcome.status, outcome.body, log);
      }
      const position = follower.commit(batch);
      await saveState(options.statePath, options.file, position);
    }
  } finally {
    await follower.close();
  }
}
