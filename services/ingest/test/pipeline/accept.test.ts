import { describe, expect, it } from 'vitest';
import { validEvents } from '../../../../schemas/test/fixtures/valid-events.js';
import type { TranslatedRecord } from '../../src/adapters/types.js';
import { judge } from '../../src/pipeline/accept.js';

const options = {
  tenant: 'GM0363',
  source: { system: 'canonical' as const, vendor: 'unknown' },
  now: new Date('2026-03-02T12:00:00Z'),
  maxFutureSeconds: 300,
  maxAgeSeconds: 400 * 86_400,
};

const record = (event: unknown): TranslatedRecord => ({
  index: 0,
  original: event,
  events: [event as never],
  errors: [],
});

const rejectedOf = (event: unknown) => judge([record(event)], options).rejected;

describe('judging translated events', () => {
  it('accepts a valid event', () => {
    expect(rejectedOf(validEvents['visit.called'])).toEqual([]);
  });

  it.each([
    ['1970-01-01T00:00:00Z', /^lies \d+ days ago \(at most 400 days allowed\)$/],
    ['2100-01-01T00:00:00Z', /^lies \d+ s in the future \(at most 300 s allowed\)$/],
  ])('refuses an event of %s with a reason', (occurred_at, reason) => {
    const rejected = rejectedOf({ ...validEvents['visit.called'], occurred_at });
    expect(rejected).toEqual([{ index: 0, path: 'occurred_at', reason: expect.stringMatching(reason) }]);
  });

  it.each([
    ['visit.called', { staff_key: 'Jan Jansen' }, 'payload.staff_key'],
    ['visit.called', { staff_key: 'employee-4711' }, 'payload.staff_key'],
    ['visit.called', { staff_key: '0612345678123456' }, 'payload.staff_key'],
    ['call.answered', { agent_key: '1234567890123456789012345678901234567890123' }, 'payload.agent_key'],
    ['call.answered', { agent_key: 'SIP/1001' }, 'payload.agent_key'],
    ['visit.transferred', { to: { kind: 'staff', id: 'pdevries' } }, 'payload.to.id'],
  ] as const)('refuses %s whose person key %j is no keyed hash', (type, patch, path) => {
    const event = validEvents[type] as { payload: object };
    const rejected = rejectedOf({ ...event, payload: { ...event.payload, ...patch } });
    expect(rejected).toContainEqual({
      index: 0,
      path,
      reason: expect.stringMatching(/^must be a keyed hash/),
    });
  });

  it('looks for personal data in the whole envelope', () => {
    const event = validEvents['visit.called'];
    const rejected = rejectedOf({ ...event, source: { ...event.source, instance: 'jan@example.nl' } });
    expect(rejected).toEqual([
      {
        index: 0,
        path: 'source.instance',
        reason: expect.stringMatching(/^contains a clear e-mail address/),
      },
    ]);
  });
});
