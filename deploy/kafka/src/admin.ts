import type { Kafka } from 'kafkajs';

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
      waitForLeaders: true,
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
  } finally {
    await admin.disconnect();
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
