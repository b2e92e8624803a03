import { Worker } from 'node:worker_threads';
import { rawEventsBody } from '@stuurwiel/clickhouse';
import type { Clock } from '@stuurwiel/runtime';
import type { CanonicalEvent, DeadLetter } from '@stuurwiel/schemas';
import { decodeEvents } from './decode-events.js';

/** A batch of Kafka messages, decoded and validated, with its raw_events_v1 rows encoded. */
export interface DecodedMessages {
  events: CanonicalEvent[];
  letters: DeadLetter[];
  /** The TabSeparated rows of `events` for raw_events_v1 (see rawEventsBody). */
  rawBody: string;
  /** When the batch was received (service clock): its rows' ingested_at, and its sources' last receipt. */
  receivedAt: string;
}

/**
 * Decodes batches in the order they are handed over: results resolve in that order too, which is
 * what keeps the open-entity state applying events as the partitions hold them.
 */
export interface Decoder {
  decode(messages: readonly { value: Buffer | null }[]): Promise<DecodedMessages>;
  close(): Promise<void>;
}

/** What goes to the decoding thread: all values of a batch in one transferred buffer. */
export interface DecodeRequest {
  id: number;
  buffer: ArrayBuffer;
  /** Byte length of each value in `buffer`, in order; -1 for a null value. */
  lengths: Int32Array;
  receivedAt: string;
}

export interface DecodeResponse {
  id: number;
  /** Indexes of the messages that are valid events, in order. */
  valid: number[];
  /**
   * The validated event as JSON, for a valid message whose validation changed it (a default filled
   * in); every other valid message is its own event, and is parsed where it is needed, which costs
   * less than sending it back, whether as JSON or as a structured clone.
   */
  changed: Record<number, string>;
  letters: DeadLetter[];
  rawBody: string;
}

/**
 * Whether validation returned the message unchanged. Our schemas transform nothing: they only
 * reject unknown keys and fill in defaults, which adds keys; so equal key counts at every level
 * mean an equal value.
 */
export function sameShape(input: unknown, output: unknown): boolean {
  if (typeof output !== 'object' || output === null) return true;
  if (typeof input !== 'object' || input === null) return false;
  if (Array.isArray(output)) {
    if (!Array.isArray(input) || input.length !== output.length) return false;
    for (let i = 0; i < output.length; i++) if (!sameShape(input[i], output[i])) return false;
    return true;
  }
  let keys = 0;
  for (const key in output) {
    keys++;
    if (!sameShape((input as Record<string, unknown>)[key], (output as Record<string, unknown>)[key])) {
      return false;
    }
  }
  for (const _ in input) keys--;
  return keys === 0;
}

/** Decodes a request; runs on the decoding thread. */
export function decodeRequest(request: DecodeRequest): DecodeResponse {
  const bytes = Buffer.from(request.buffer);
  const values: { value: Buffer | null }[] = [];
  let at = 0;
  for (const length of request.lengths) {
    if (length < 0) {
      values.push({ value: null });
      continue;
    }
    values.push({ value: bytes.subarray(at, at + length) });
    at += length;
  }
  const { events, sources, letters } = decodeEvents(values, request.receivedAt);
  const changed: Record<number, string> = {};
  events.forEach((event, i) => {
    const source = sources[i]!;
    if (!sameShape(source.parsed, event)) changed[source.index] = JSON.stringify(event);
  });
  return {
    id: request.id,
    valid: sources.map((s) => s.index),
    changed,
    letters,
    rawBody: rawEventsBody(events, new Date(request.receivedAt)),
  };
}

function inlineDecoder(clock: Clock): Decoder {
  return {
    async decode(messages) {
      const receivedAt = clock().toISOString();
      const { events, letters } = decodeEvents(messages, receivedAt);
      return { events, letters, rawBody: rawEventsBody(events, new Date(receivedAt)), receivedAt };
    },
    close: async () => {},
  };
}

function pack(id: number, messages: readonly { value: Buffer | null }[], receivedAt: Date): DecodeRequest {
  let total = 0;
  for (const m of messages) total += m.value?.length ?? 0;
  // A buffer of its own (not from Node's shared pool), so that it can be transferred, not copied.
  const buffer = new ArrayBuffer(total);
  const bytes = new Uint8Array(buffer);
  const lengths = new Int32Array(messages.length);
  let at = 0;
  messages.forEach((m, i) => {
    if (m.value === null) {
      lengths[i] = -1;
      return;
    }
    bytes.set(m.value, at);
    lengths[i] = m.value.length;
    at += m.value.length;
  });
  return { id, buffer, lengths, receivedAt: receivedAt.toISOString() };
}

// Under tsx (tests, benchmarks) this module is TypeScript and so is its worker, which then needs
// tsx's loader, found from here rather than from the working directory.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./decoding-worker.ts', import.meta.url)
  : new URL('./decoding-worker.js', import.meta.url);

function threadDecoder(clock: Clock): Decoder {
  const worker = WORKER_URL.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
          `.then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
        { eval: true },
      )
    : new Worker(WORKER_URL);
  worker.unref();
  const pending = new Map<
    number,
    {
      messages: readonly { value: Buffer | null }[];
      receivedAt: string;
      resolve: (d: DecodedMessages) => void;
      reject: (e: unknown) => void;
    }
  >();
  let failure: unknown;
  let nextId = 0;
  const failAll = (error: unknown) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', (response: DecodeResponse) => {
    const waiter = pending.get(response.id);
    if (!waiter) return;
    pending.delete(response.id);
    const events = response.valid.map(
      (index) =>
        JSON.parse(response.changed[index] ?? waiter.messages[index]!.value!.toString()) as CanonicalEvent,
    );
    waiter.resolve({
      events,
      letters: response.letters,
      rawBody: response.rawBody,
      receivedAt: waiter.receivedAt,
    });
  });
  worker.on('error', failAll);
  worker.on('messageerror', failAll);
  worker.on('exit', (code) => failAll(new Error(`the decoding thread exited (code ${code})`)));
  return {
    decode(messages) {
      if (failure) return Promise.reject(failure);
      const request = pack(nextId++, messages, clock());
      return new Promise((resolve, reject) => {
        pending.set(request.id, { messages, receivedAt: request.receivedAt, resolve, reject });
        worker.postMessage(request, [request.buffer]);
      });
    },
    async close() {
      failure ??= new Error('decoder closed');
      await worker.terminate();
    },
  };
}

/**
 * Parsing and validating messages and encoding their raw rows is most of the aggregator's CPU
 * per event; with `threads` 1 it runs on a thread of its own, beside the state, facts and
 * snapshots on the main thread.
 */
export function createDecoder(options: { threads: 0 | 1; clock?: Clock }): Decoder {
  // The service's clock, not the wall clock: under the demo clock a source's last receipt must be
  // on the same time line as the freshness it is compared with, or a quiet source never shows.
  const clock = options.clock ?? (() => new Date());
  return options.threads === 0 ? inlineDecoder(clock) : threadDecoder(clock);
}
