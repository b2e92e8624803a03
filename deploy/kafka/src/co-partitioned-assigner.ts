import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/**
 * Gives partition p of every subscribed topic to the same group member. Producers place all of a
 * tenant's messages on partition hash(tenant) of each topic (see partitioner.ts), so a member
 * that owns p owns those tenants' visits, calls, cases and reference data together, which their
 * live KPIs need (Kafka Streams calls such topics co-partitioned).
 */
export const coPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'StuurwielCoPartitioned',
  version: 0,
  async assign({ members, topics }) {
    const sorted = members.map((m) => m.memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(sorted.map((id) => [id, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const owner = assignment.get(sorted[partitionId % sorted.length]!)!;
        const partitions = owner[topic] ?? [];
        partitions.push(partitionId);
        owner[topic] = partitions;
      }
    }
    return [...assignment].map(([memberId, topicPartitions]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 0,
        assignment: topicPartitions,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: 'StuurwielCoPartitioned',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
