import { describe, expect, it } from 'vitest';
import { createLateEventLog } from '../../src/time/late-event-log.js';
import { walkIn } from '../support/walk-in.js';

/** Visitor `id` of `tenant` arriving at 08:00 UTC, too late for the live figures. */
const event = (tenant: string, id: string) => walkIn(id, tenant).arrived('2026-04-28T08:00:00Z');

describe('late event log', () => {
  it('writes one line per tenant and interval, counting the events it did not write', () => {
    const lines: Record<string, unknown>[] = [];
    let t = 0;
    const report = createLateEventLog(
      (fields) => lines.push(fields),
      10_000,
      () => t,
    );
    report(event('GM0363', 'a'));
    report(event('GM0363', 'b'));
    report(event('GM0363', 'c'));
    report(event('GM0014', 'd'));
    t = 10_000;
    report(event('GM0363', 'e'));
    expect(lines.map((l) => [l.tenant, l.too_late_since_last_line])).toEqual([
      ['GM0363', 1],
      ['GM0014', 1],
      ['GM0363', 3],
    ]);
  });
});
