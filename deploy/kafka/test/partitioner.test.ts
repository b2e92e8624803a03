import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { partitionOfTenant, tenantOf, tenantPartitioner } from '../src/partitioner.js';

const metadata = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    partitionId: i,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));

describe('tenant partitioner', () => {
  const partition = tenantPartitioner();
  const place = (key: string, n = 6) =>
    partition({ topic: 't', partitionMetadata: metadata(n), message: { key, value: 'v' } });

  it('reads the tenant from entity keys and snapshot keys', () => {
    expect(tenantOf('GM0363:visit-1')).toBe('GM0363');
    expect(tenantOf('GM0363|counter|queue|q1')).toBe('GM0363');
    expect(tenantOf('unknown')).toBe('unknown');
  });

  it("puts every entity of a tenant on the tenant's partition", () => {
    const expected = partitionOfTenant('GM0363', 6);
    for (const key of ['GM0363:a', 'GM0363:b', 'GM0363:visit-99', 'GM0363|phone|tenant|', 'GM0363']) {
      expect(place(key)).toBe(expected);
    }
  });

  it("uses Kafka's default hash of the tenant, so other clients can find the partition", () => {
    const kafkaDefault = Partitioners.DefaultPartitioner();
    for (const tenant of ['GM0363', 'GM0014', 'GM0599', 'GM0344']) {
      expect(place(`${tenant}:x`, 12)).toBe(
        kafkaDefault({ topic: 't', partitionMetadata: metadata(12), message: { key: tenant, value: null } }),
      );
    }
  });

  it('spreads tenants over partitions', () => {
    const used = new Set(Array.from({ length: 40 }, (_, i) => place(`GM${String(i).padStart(4, '0')}:x`)));
    expect(used.size).toBe(6);
  });
});
