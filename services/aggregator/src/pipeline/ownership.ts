import { partitionOfTenant } from '@stuurwiel/kafka';

/**
 * Which tenants this replica owns: those whose partition (all of a tenant's messages share one,
 * see @stuurwiel/kafka partitioner) is assigned to it. Only the owner keeps a tenant's state and
 * publishes its snapshots, so two replicas never publish one tenant.
 */
export interface Ownership {
  owns(tenant: string): boolean;
  readonly partitions: ReadonlySet<number>;
}

export function ownershipOf(assigned: Iterable<number>, partitionCount: number): Ownership {
  const partitions = new Set(assigned);
  const cache = new Map<string, boolean>();
  return {
    partitions,
    owns(tenant) {
      let owned = cache.get(tenant);
      if (owned === undefined) {
        owned = partitions.has(partitionOfTenant(tenant, partitionCount));
        cache.set(tenant, owned);
      }
      return owned;
    },
  };
}
