import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ensureTopics } from '../src/admin.js';

/**
 * A stand-in admin client whose metadata answers come from `answers`, one per call: a KRaft
 * broker says UNKNOWN_TOPIC_OR_PARTITION for a moment after its controller created a topic.
 */
function kafkaAnswering(answers: (() => unknown)[]) {
  const calls = { created: [] as string[], metadata: 0 };
  const admin = {
    connect: async () => {},
    disconnect: async () => {},
    listTopics: async () => [],
    createTopics: async ({ topics }: { topics: { topic: string }[] }) => {
      calls.created.push(...topics.map((t) => t.topic));
      return true;
    },
    fetchTopicMetadata: async () => {
      const answer = answers[Math.min(calls.metadata, answers.length - 1)]!;
      calls.metadata++;
      return answer();
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

const protocolError = (type: string) => Object.assign(new Error(type), { type });
const led = { topics: [{ name: 't', partitions: [{ partitionId: 0, leader: 1 }] }] };

describe('ensureTopics', () => {
  it('waits while the broker does not know a topic it just created yet, until every partition has a leader', async () => {
    const { kafka, calls } = kafkaAnswering([
      () => {
        throw protocolError('UNKNOWN_TOPIC_OR_PARTITION');
      },
      () => ({ topics: [{ name: 't', partitions: [{ partitionId: 0, leader: -1 }] }] }),
      () => led,
    ]);
    await ensureTopics(kafka, [{ topic: 't', partitions: 1 }]);
    expect(calls).toEqual({ created: ['t'], metadata: 3 });
  });

  it('passes on any other error of the broker', async () => {
    const { kafka } = kafkaAnswering([
      () => {
        throw protocolError('TOPIC_AUTHORIZATION_FAILED');
      },
    ]);
    await expect(ensureTopics(kafka, [{ topic: 't', partitions: 1 }])).rejects.toThrow(
      'TOPIC_AUTHORIZATION_FAILED',
    );
  });
});
