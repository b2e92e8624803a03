import type { Admin, Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Keep only the latest message per key (snapshots, changelogs). */
  compacted?: boolean;
  replicationFactor?: number;
  /** The largest message the topic takes (the broker's default is about 1 MiB). */
  maxMessageBytes?: number;
}

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((t) => ({
        topic: t.topic,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor ?? 1,
        configEntries: [
          ...(t.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : []),
          ...(t.maxMessageBytes === undefined
            ? []
            : [{ name: 'max.message.bytes', value: String(t.maxMessageBytes) }]),
        ],
      })),
    });
    await waitForLeaders(
      admin,
      missing.map((t) => t.topic),
    );
  } finally {
    await admin.disconnect();
  }
}

const LEADERS_TIMEOUT_MS = 30_000;
/** What a broker answers while a topic created a moment ago has not reached its metadata yet. */
const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Waits until every partition of `topics` has a leader. kafkajs's own waitForLeaders gives up on
 * UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker answers for a moment after the controller
 * created a topic: under load a fresh topic failed a test's setup as if it could not be created.
 */
async function waitForLeaders(admin: Admin, topics: readonly string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: [...topics] });
      const led = found.filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (led.length === topics.length) return;
    } catch (error) {
      if (!NOT_YET.has((error as { type?: string }).type ?? '')) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `topics still without a leader after ${LEADERS_TIMEOUT_MS / 1000} s: ${topics.join(', ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Number of partitions of an existing topic. */
export async function topicPartitionCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    if (!meta) throw new Error(`topic ${topic} not found`);
    return meta.partitions.length;
  } finally {
    await admin.disconnect();
  }
}

/**
 * The last offset each partition of a topic holds now, by partition (absent: the partition is
 * empty). A reader that has seen these has read everything written before it asked.
 */
export async function topicLastOffsets(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(
      offsets
        .filter((p) => BigInt(p.high) > BigInt(p.low))
        .map((p) => [p.partition, BigInt(p.high) - 1n] as const),
    );
  } finally {
    await admin.disconnect();
  }
}
