import { deriveEventId } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/random.js';
import { makeEvent } from '../src/test-events.js';

const arrival = {
  visit_id: 'V1',
  location_id: 'stadhuis',
  queue_id: 'burgerzaken',
  kind: 'walk_in',
} as const;

describe('makeEvent, the test event factory', () => {
  it('fills the envelope: the test tenant, the family’s usual source, and the payload’s defaults', () => {
    expect(makeEvent('visit.arrived', '2026-04-28T09:30:00+02:00', arrival)).toEqual({
      spec_version: 1,
      event_id: deriveEventId(
        'GM0363',
        'qmatic',
        'visit.arrived',
        '2026-04-28T09:30:00+02:00',
        JSON.stringify(arrival),
      ),
      tenant: 'GM0363',
      source: { system: 'queue_management', vendor: 'qmatic' },
      occurred_at: '2026-04-28T09:30:00+02:00',
      type: 'visit.arrived',
      payload: { ...arrival, products: [] },
    });
  });

  it('gives the same event the same id, and another event another one', () => {
    const at = new Date('2026-04-28T07:30:00Z');
    const id = makeEvent('visit.arrived', at, arrival).event_id;
    expect(makeEvent('visit.arrived', at, arrival).event_id).toBe(id);
    expect(makeEvent('visit.arrived', at, { ...arrival, visit_id: 'V2' }).event_id).not.toBe(id);
    expect(makeEvent('visit.arrived', at, arrival, { tenant: 'GM0014' }).event_id).not.toBe(id);
  });

  it('takes the tenant, id and source a test names', () => {
    const source = { system: 'telephony', vendor: 'asterisk', instance: 'pbx-1' } as const;
    expect(
      makeEvent(
        'call.queued',
        '2026-04-28T08:00:00Z',
        { call_id: 'C1', queue_id: 'kcc' },
        {
          tenant: 'GM0014',
          event_id: 'queued-1',
          source,
        },
      ),
    ).toMatchObject({ tenant: 'GM0014', event_id: 'queued-1', source });
  });

  it('throws for an event no connector could send, naming the field and the reason', () => {
    expect(() =>
      makeEvent('visit.arrived', '2026-04-28T09:30:00+02:00', { ...arrival, kind: 'appointment' }),
    ).toThrow(
      /invalid visit\.arrived test event: payload\.appointment_start: required when kind is appointment/,
    );
    expect(() => makeEvent('visit.arrived', '28-04-2026 09:30', arrival)).toThrow(
      /occurred_at: must be an ISO 8601/,
    );
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for the same seed', () => {
    const draw = (seed: number) => {
      const rng = seededRandom(seed);
      return [rng.float(), rng.int(1, 6), rng.pick(['a', 'b', 'c']), rng.hex(8), rng.chance(0.5)];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
});
