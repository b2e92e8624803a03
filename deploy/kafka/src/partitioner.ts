import { Partitioners } from 'kafkajs';

/**
 * Every message key of stuurwiel starts with the tenant (`GM0363:visit-1`, `GM0363|counter|…`).
 * All of a tenant's messages go to one partition, chosen by the tenant alone: then one consumer
 * holds a tenant's whole open-entity state and alone computes its live KPIs, however many
 * replicas share the group, and one entity's events still stay in order. A municipality's
 * events per second are far below what a single partition carries.
 */
export function tenantOf(key: string): string {
  const end = key.search(/[:|]/);
  return end === -1 ? key : key.slice(0, end);
}

const murmur2 = Partitioners.DefaultPartitioner();

/** kafkajs partitioner: Kafka's default (murmur2) hash of the key's tenant part. */
export const tenantPartitioner = () => {
  return (args: Parameters<typeof murmur2>[0]): number => {
    const key = args.message.key;
    if (key === null || key === undefined) return murmur2(args);
    return murmur2({ ...args, message: { ...args.message, key: tenantOf(key.toString()) } });
  };
};

/** The partition a tenant's messages go to on a topic with `partitions` partitions. */
export function partitionOfTenant(tenant: string, partitions: number): number {
  return murmur2({
    topic: '',
    partitionMetadata: Array.from({ length: partitions }, (_, i) => ({
      partitionId: i,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    })),
    message: { key: tenant, value: null },
  });
}
