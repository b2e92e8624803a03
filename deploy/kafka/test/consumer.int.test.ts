import { testKafka, testTopics, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { createConsumer, type IncomingMessage } from '../src/consumer.js';
import { createProducer } from '../src/producer.js';

async function produce(topic: string, count: number) {
  const kafka = testKafka(useInfra());
  const producer = createProducer(kafka);
  await producer.connect();
  await producer.send(
    topic,
    Array.from({ length: count }, (_, i) => ({ key: `k${i % 7}`, value: JSON.stringify({ i }) })),
  );
  await producer.disconnect();
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function eventually(check: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('consumer contract', () => {
  it('commits a batch only after its background work settled', async () => {
    const infra = useInfra();
    const topic = uniqueName('commit_after_work');
    await testTopics(infra, [{ topic, partitions: 1 }]);
    await produce(topic, 20);
    const gate = deferred();
    const seen: IncomingMessage[] = [];
    const consumer = createConsumer(testKafka(infra), {
      groupId: uniqueName('g'),
      topics: [topic],
      onFatal: (e) => {
        throw e;
      },
    });
    await consumer.connect(async (messages) => {
      seen.push(...messages);
      return { backgroundTask: gate.promise };
    });
    await eventually(() => seen.length === 20);
    await new Promise((r) => setTimeout(r, 300));
    expect(consumer.committed().get(`${topic}:0`)).toBeUndefined();
    gate.resolve();
    await eventually(() => consumer.committed().get(`${topic}:0`) === '20');
    await consumer.disconnect();
  });

  it('commits settled offsets again after a failed commit, without a new batch to carry them', async () => {
    const infra = useInfra();
    const topic = uniqueName('commit_retry');
    await testTopics(infra, [{ topic, partitions: 1 }]);
    await produce(topic, 10);
    // The real broker, with the first commit refused as a timeout would refuse it.
    const kafka = testKafka(infra);
    const makeConsumer = kafka.consumer.bind(kafka);
    let refusals = 0;
    kafka.consumer = (config) => {
      const real = makeConsumer(config);
      const commit = real.commitOffsets.bind(real);
      real.commitOffsets = async (offsets) => {
        if (refusals++ === 0) throw new Error('request timed out');
        return commit(offsets);
      };
      return real;
    };
    const errors: unknown[] = [];
    const consumer = createConsumer(kafka, {
      groupId: uniqueName('g'),
      topics: [topic],
      commitRetryMs: 100,
      onCommitError: (e) => errors.push(e),
      onFatal: (e) => {
        throw e;
      },
    });
    await consumer.connect(async () => ({}));
    await eventually(() => consumer.committed().get(`${topic}:0`) === '10');
    expect(errors.map((e) => (e as Error).message)).toEqual(['request timed out']);
    await consumer.disconnect();
  });

  it('never commits past failed work and reports it once', async () => {
    const infra = useInfra();
    const topic = uniqueName('failed_work');
    await testTopics(infra, [{ topic, partitions: 1 }]);
    await produce(topic, 5);
    const failures: unknown[] = [];
    const consumer = createConsumer(testKafka(infra), {
      groupId: uniqueName('g'),
      topics: [topic],
      onFatal: (e) => failures.push(e),
    });
    await consumer.connect(async () => ({ backgroundTask: Promise.reject(new Error('insert failed')) }));
    await eventually(() => failures.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(failures).toHaveLength(1);
    expect((failures[0] as Error).message).toBe('insert failed');
    expect(consumer.committed().size).toBe(0);
    await consumer.disconnect();
  });

  it('waits for the oldest work when too many batches are in flight', async () => {
    const infra = useInfra();
    const topic = uniqueName('backpressure');
    await testTopics(infra, [{ topic, partitions: 1 }]);
    const gates: ReturnType<typeof deferred>[] = [];
    const consumer = createConsumer(testKafka(infra), {
      groupId: uniqueName('g'),
      topics: [topic],
      maxInFlightBatches: 2,
      onFatal: (e) => {
        throw e;
      },
    });
    await consumer.connect(async () => {
      const gate = deferred();
      gates.push(gate);
      return { backgroundTask: gate.promise };
    });
    // One message at a time, each waited for, so that each is a batch of its own.
    for (let i = 1; i <= 3; i++) {
      await produce(topic, 1);
      await eventually(() => gates.length === i);
    }
    // Two batches are in flight and the third waits for room: later messages are not fetched.
    await produce(topic, 3);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(gates.length).toBe(3);
    expect(consumer.committed().size).toBe(0);
    gates[0]!.resolve();
    await eventually(() => gates.length === 4);
    expect(consumer.committed().get(`${topic}:0`)).toBe('1');
    for (const g of gates) g.resolve();
    await eventually(() => consumer.committed().get(`${topic}:0`) === '6');
    await consumer.disconnect();
  });

  it('waits for the oldest work when too many messages are in flight, however few the batches', async () => {
    const infra = useInfra();
    const topic = uniqueName('backpressure-messages');
    await testTopics(infra, [{ topic, partitions: 1 }]);
    const gates: ReturnType<typeof deferred>[] = [];
    const sizes: number[] = [];
    const consumer = createConsumer(testKafka(infra), {
      groupId: uniqueName('g'),
      topics: [topic],
      maxInFlightBatches: 100,
      maxInFlightMessages: 3,
      onFatal: (e) => {
        throw e;
      },
    });
    await consumer.connect(async (messages) => {
      const gate = deferred();
      gates.push(gate);
      sizes.push(messages.length);
      return { backgroundTask: gate.promise };
    });
    await produce(topic, 2);
    await eventually(() => gates.length === 1);
    await produce(topic, 2);
    await eventually(() => gates.length === 2);
    // Four messages are in flight, over the bound of three: later messages are not fetched.
    await produce(topic, 1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(gates.length).toBe(2);
    gates[0]!.resolve();
    await eventually(() => gates.length === 3);
    expect(sizes).toEqual([2, 2, 1]);
    for (const g of gates) g.resolve();
    await eventually(() => consumer.committed().get(`${topic}:0`) === '5');
    await consumer.disconnect();
  });
});
