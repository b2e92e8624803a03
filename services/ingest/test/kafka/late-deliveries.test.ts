import { describe, expect, it } from 'vitest';
import { createLateDeliveries } from '../../src/kafka/late-deliveries.js';

const ID = '2f1c6a4e-0c5b-5d7e-9a41-3b7d2e8f6c10';
const event = (event_id: string, tenant = 'GM0363') => ({ tenant, event_id });

describe('late deliveries', () => {
  it('knows a remembered event until its retention has passed', () => {
    let t = 1_000;
    const late = createLateDeliveries(60_000, () => t);
    late.remember(event('a'));
    t += 59_999;
    expect(late.has(event('a'))).toBe(true);
    t += 1;
    expect(late.has(event('a'))).toBe(false);
    expect(late.size()).toBe(0);
  });

  it('forgets the oldest first and keeps a renewed id for its new retention', () => {
    let t = 0;
    const late = createLateDeliveries(100, () => t);
    late.remember(event('a'));
    t = 50;
    late.remember(event('b'));
    t = 80;
    late.remember(event('a'));
    t = 120;
    expect([late.has(event('a')), late.has(event('b'))]).toEqual([true, true]);
    t = 160;
    expect([late.has(event('a')), late.has(event('b'))]).toEqual([true, false]);
    t = 180;
    expect(late.size()).toBe(0);
  });

  it("keeps one tenant's event from answering for another tenant's event with the same id", () => {
    const late = createLateDeliveries(60_000, () => 0);
    late.remember(event(ID, 'GM0363'));
    expect(late.has(event(ID, 'GM0363'))).toBe(true);
    expect(late.has(event(ID, 'GM0599'))).toBe(false);
    late.remember(event(ID, 'GM0599'));
    expect(late.size()).toBe(2);
  });
});
