import { partitionOfTenant } from '@stuurwiel/kafka';
import { describe, expect, it } from 'vitest';
import { ownershipOf } from '../src/pipeline/ownership.js';

describe('ownership of tenants', () => {
  const tenants = Array.from({ length: 30 }, (_, i) => `GM${String(i + 1).padStart(4, '0')}`);

  it('owns exactly the tenants whose partition is assigned', () => {
    const mine = ownershipOf([0, 2], 6);
    for (const t of tenants) expect(mine.owns(t)).toBe([0, 2].includes(partitionOfTenant(t, 6)));
  });

  it('splits the tenants between replicas without overlap or gap', () => {
    const a = ownershipOf([0, 2, 4], 6);
    const b = ownershipOf([1, 3, 5], 6);
    for (const t of tenants) expect(Number(a.owns(t)) + Number(b.owns(t))).toBe(1);
  });
});
