import {
  chunkMessages,
  createKafka,
  createProducer,
  type EventProducer,
  type KafkaSecurity,
  type OutgoingMessage,
} from '@stuurwiel/kafka';
import { type CanonicalEvent, type DeadLetter, partitionKey, TOPICS, topicFor } from '@stuurwiel/schemas';
import { serialiseDeadLetter } from '../pipeline/dead-letter.js';
import { groupCommit } from './group-commit.js';
import { createLateDeliveries, type EventIdentity, identityKey } from './late-deliveries.js';
import { KafkaUnavailableError } from './unavailable.js';

export interface EventSinkOptions {
  brokers: string[];
  clientId: string;
  security?: KafkaSecurity;
  topicPrefix: string;
  /** How long publish() waits for acknowledgements before giving up with 503. */
  timeoutMs: number;
  /** Unconfirmed events beyond which publish() refuses at once. */
  maxPendingEvents: number;
  /** How long ids acknowledged after their request's 503 are remembered, so a retry is not sent again. */
  lateDeliveryMemoryMs: number;
  log: (level: 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;
}

/** Where accepted events and dead letters go; resolves only when Kafka acknowledged all. */
export interface EventSink {
  publish(events: readonly CanonicalEvent[], deadLetters: readonly DeadLetter[]): Promise<void>;
  /** Pending (sent, unconfirmed) events; for metrics. */
  pendingEvents(): number;
  /** Throws when the broker cannot be reached. */
  checkReachable(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new KafkaUnavailableError(`${what} not acknowledged within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Bytes of dead letters in one produce request: well under the broker's 1 MiB default. */
const DEAD_LETTER_REQUEST_BYTES = 512 * 1024;

/** Dead letters as messages, in groups of at most `maxBytes` (each is at most 64 KiB). */
function chunksWithin(deadLetters: readonly DeadLetter[], maxBytes: number): OutgoingMessage[][] {
  return chunkMessages(
    deadLetters.map((d) => ({ key: d.tenant ?? 'unknown', value: serialiseDeadLetter(d) })),
    maxBytes,
  );
}

/** A producer connected on first use and replaced after a fatal error. */
function lazyProducer(kafka: ReturnType<typeof createKafka>, what: string, log: EventSinkOptions['log']) {
  let producer: EventProducer | undefined;
  let connecting: Promise<EventProducer> | undefined;

  const connected = (): Promise<EventProducer> => {
    if (producer) return Promise.resolve(producer);
    connecting ??= (async () => {
      const p = createProducer(kafka);
      try {
        await p.connect();
      } catch (error) {
        connecting = undefined;
        // Only errors retrying cannot cure end a connect (a refused login, a bad certificate):
        // the operator must act, the client can only come back later. Details go to the log,
        // not to the client.
        log('error', 'cannot connect to Kafka', { error: String(error) });
        throw new KafkaUnavailableError('cannot connect to the brokers');
      }
      producer = p;
      connecting = undefined;
      return p;
    })();
    return connecting;
  };

  // Sends on the current producer that have not settled yet; a retired producer is
  // disconnected only once they did, so that one request's failure cuts off no other's send.
  const active = new Map<EventProducer, number>();
  const retired = new Set<EventProducer>();

  // Connection trouble never ends a send (see retryForever); one that fails anyway hit a fatal
  // producer error (fenced, unknown producer id, message too large), and only a fresh producer
  // can go on.
  const retire = (failed: EventProducer) => {
    if (producer === failed) producer = undefined;
    retired.add(failed);
  };
  const settled = (p: EventProducer) => {
    const left = (active.get(p) ?? 1) - 1;
    if (left > 0) {
      active.set(p, left);
      return;
    }
    active.delete(p);
    if (retired.delete(p)) p.disconnect().catch(() => {});
  };

  return {
    sendMany: async (batches: { topic: string; messages: OutgoingMessage[] }[]) => {
      const p = await connected();
      active.set(p, (active.get(p) ?? 0) + 1);
      try {
        await p.sendMany(batches);
      } catch (error) {
        log('warn', `produce of ${what} failed; replacing the producer`, { error: String(error) });
        retire(p);
        throw error;
      } finally {
        settled(p);
      }
    },
    close: async () => {
      if (producer) await producer.disconnect();
    },
  };
}

/**
 * Produces with the idempotent producer and acks from all replicas.
 *
 * A send that outlives its request's timeout is not abandoned: the producer keeps retrying and
 * may still deliver when the broker returns. Such events stay registered as pending, and a
 * client's retry of the same event waits for that send instead of producing a second copy.
 * A send that lands after its request was answered 503 is remembered for a while, because the
 * client's retry may come after it landed; that retry is then answered 202 without a resend.
 * So every event that was ever answered 202 is on its topic once. Both memories know an event
 * by tenant and event id: another municipality's event with the same id is a different event.
 */
export function createEventSink(options: EventSinkOptions): EventSink {
  const kafka = createKafka({
    brokers: options.brokers,
    clientId: options.clientId,
    ...(options.security ? { security: options.security } : {}),
    log: options.log,
    retryForever: true,
  });
  const probeKafka = createKafka({
    brokers: options.brokers,
    clientId: `${options.clientId}-probe`,
    ...(options.security ? { security: options.security } : {}),
  });
  // Keyed by identityKey(event).
  const pending = new Map<string, Promise<void>>();
  const late = createLateDeliveries(options.lateDeliveryMemoryMs);
  const eventProducer = lazyProducer(kafka, 'events', options.log);
  const send = groupCommit(eventProducer.sendMany);
  // Dead letters go out through a producer of their own, each request's in produce requests of
  // its own within DEAD_LETTER_REQUEST_BYTES (never grouped with another request's): whatever a
  // dead letter holds, and whatever the broker thinks of it, it can fail no request but its own.
  const deadLetterProducer = lazyProducer(kafka, 'dead letters', options.log);

  const sendEvents = (topic: string, events: CanonicalEvent[]): Promise<void> => {
    const work = send(
      `${options.topicPrefix}${topic}`,
      events.map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
    );
    const keys = events.map(identityKey);
    for (const key of keys) pending.set(key, work);
    const forget = () => {
      for (const key of keys) if (pending.get(key) === work) pending.delete(key);
    };
    work.then(forget, forget);
    return work;
  };

  return {
    async publish(events, deadLetters) {
      if (pending.size > options.maxPendingEvents) {
        throw new KafkaUnavailableError(`${pending.size} events still wait for Kafka`);
      }
      const fresh = new Map<string, CanonicalEvent[]>();
      const waits: Promise<void>[] = [];
      const deliveries: { event: EventIdentity; delivered: Promise<void> }[] = [];
      for (const event of events) {
        if (late.has(event)) continue;
        const earlier = pending.get(identityKey(event));
        if (earlier) {
          // Only if the earlier send failed is this event sent again.
          const delivered = earlier.catch(() => sendEvents(topicFor(event.type), [event]));
          waits.push(delivered);
          deliveries.push({ event, delivered });
          continue;
        }
        const topic = topicFor(event.type);
        const list = fresh.get(topic) ?? [];
        list.push(event);
        fresh.set(topic, list);
      }
      const sends = [...fresh].map(([topic, list]) => {
        const delivered = sendEvents(topic, list);
        for (const event of list) deliveries.push({ event, delivered });
        return delivered;
      });
      const deadLetterTopic = `${options.topicPrefix}${TOPICS.deadLetter}`;
      for (const chunk of chunksWithin(deadLetters, DEAD_LETTER_REQUEST_BYTES))
        sends.push(deadLetterProducer.sendMany([{ topic: deadLetterTopic, messages: chunk }]));
      const all = Promise.all([...sends, ...waits]);
      // Keep a late rejection from becoming an unhandled one after we answered 503.
      all.catch(() => {});
      try {
        await withTimeout(all, options.timeoutMs, 'events');
      } catch (error) {
        for (const d of deliveries)
          d.delivered.then(
            () => late.remember(d.event),
            () => {},
          );
        if (error instanceof KafkaUnavailableError) throw error;
        // A refused produce (a message over the topic's limit, a denied topic): nothing was
        // promised, and the client may retry; what did land is remembered as a late delivery.
        // The broker's own words went to the log with the producer's replacement.
        throw new KafkaUnavailableError('the brokers refused the produce request');
      }
    },
    pendingEvents: () => pending.size,
    async checkReachable(timeoutMs) {
      const admin = probeKafka.admin({ retry: { retries: 0 } });
      const probe = (async () => {
        await admin.connect();
        try {
          await admin.describeCluster();
        } finally {
          await admin.disconnect();
        }
      })();
      probe.catch(() => {});
      await withTimeout(probe, timeoutMs, 'Kafka cluster description');
    },
    async close() {
      // Give unconfirmed sends a moment to land; a client that got 503 for them will resend.
      const settled = Promise.allSettled([...new Set(pending.values())]);
      await Promise.race([settled, new Promise((r) => setTimeout(r, 2 * options.timeoutMs).unref())]);
      await Promise.all([eventProducer.close(), deadLetterProducer.close()]);
    },
  };
}
