import { readFileSync } from 'node:fs';
import { deriveEventId, validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { translateQmaticEvents } from '../../src/adapters/qmatic/index.js';
import type { AdapterContext } from '../../src/adapters/types.js';
import { qmaticCall } from '../source-fixtures.js';

const TENANT = 'GM0363';
const KEYS: Record<string, string> = {
  jjansen: '5f3c0d2e9a1b4c7d8e6f0a1b2c3d4e5f',
  pdevries: '0b9e8d7c6b5a49382716a5b4c3d2e1f0',
};
const ctx: AdapterContext = {
  tenant: TENANT,
  now: new Date('2026-03-02T13:00:00Z'),
  fingerprint: (text) => `fingerprint:${text.length}`,
  pseudonymise(value) {
    const key = KEYS[value];
    if (!key) throw new Error(`test pseudonymiser has no key for ${value}`);
    return key;
  },
};

const stream: unknown[] = JSON.parse(readFileSync(new URL('./event-stream.json', import.meta.url), 'utf8'));

/** The envelope of a Qmatic event; the id is made of the parts the adapter documents. */
function visitEvent(
  type: string,
  occurred_at: string,
  idParts: [visit: string, event: string, utc: string, servicePoint: string],
  payload: Record<string, unknown>,
) {
  return {
    spec_version: 1,
    event_id: deriveEventId(TENANT, 'qmatic', 'visit', ...idParts),
    tenant: TENANT,
    source: { system: 'queue_management', vendor: 'qmatic' },
    occurred_at,
    type,
    payload,
  };
}

function deskEvent(
  type: string,
  occurred_at: string,
  idParts: [branch: string, servicePoint: string, event: string, utc: string],
  payload: Record<string, unknown>,
) {
  return {
    spec_version: 1,
    event_id: deriveEventId(TENANT, 'qmatic', 'service_point', ...idParts),
    tenant: TENANT,
    source: { system: 'queue_management', vendor: 'qmatic' },
    occurred_at,
    type,
    payload,
  };
}

const J = KEYS.jjansen!;
const P = KEYS.pdevries!;

// One expected entry per record of event-stream.json, in order.
const expected = [
  [
    deskEvent(
      'desk.opened',
      '2026-03-02T08:55:00+01:00',
      ['12', '5', 'SERVICE_POINT_OPEN', '2026-03-02T07:55:00.000Z'],
      { location_id: '12', desk_id: '5', queue_ids: ['3', '4'], staff_key: J },
    ),
  ],
  [
    deskEvent(
      'desk.opened',
      '2026-03-02T08:56:30+01:00',
      ['12', '6', 'SERVICE_POINT_OPEN', '2026-03-02T07:56:30.000Z'],
      { location_id: '12', desk_id: '6', queue_ids: ['4'], staff_key: P },
    ),
  ],
  [
    visitEvent(
      'visit.arrived',
      '2026-03-02T09:01:10+01:00',
      ['81234', 'VISIT_CREATE', '2026-03-02T08:01:10.000Z', ''],
      {
        visit_id: '81234',
        location_id: '12',
        queue_id: '3',
        kind: 'walk_in',
        products: ['paspoort'],
        ticket: 'A042',
      },
    ),
  ],
  [
    visitEvent(
      'visit.arrived',
      '2026-03-02T09:04:30+01:00',
      ['81235', 'VISIT_CREATE', '2026-03-02T08:04:30.000Z', ''],
      {
        visit_id: '81235',
        location_id: '12',
        queue_id: '4',
        kind: 'appointment',
        appointment_id: 'A-55102',
        appointment_start: '2026-03-02T09:10:00+01:00',
        products: ['17'],
        ticket: 'B007',
      },
    ),
  ],
  [
    visitEvent(
      'visit.arrived',
      '2026-03-02T08:05:00Z',
      ['81236', 'VISIT_CREATE', '2026-03-02T08:05:00.000Z', ''],
      {
        visit_id: '81236',
        location_id: '12',
        queue_id: '3',
        kind: 'walk_in',
        products: ['rijbewijs'],
        ticket: 'A043',
      },
    ),
  ],
  [
    visitEvent(
      'visit.called',
      '2026-03-02T09:07:40+01:00',
      ['81234', 'VISIT_CALL', '2026-03-02T08:07:40.000Z', '5'],
      {
        visit_id: '81234',
        location_id: '12',
        queue_id: '3',
        desk_id: '5',
        staff_key: J,
        recall: false,
      },
    ),
  ],
  [
    visitEvent(
      'visit.arrived',
      '2026-03-02T09:08:00+01:00',
      ['81238', 'VISIT_CREATE', '2026-03-02T08:08:00.000Z', ''],
      {
        visit_id: '81238',
        location_id: '12',
        queue_id: '4',
        kind: 'walk_in',
        products: [],
        ticket: 'B008',
      },
    ),
  ],
  [
    visitEvent(
      'visit.called',
      '2026-03-02T09:11:15+01:00',
      ['81235', 'VISIT_CALL', '2026-03-02T08:11:15.000Z', '6'],
      {
        visit_id: '81235',
        location_id: '12',
        queue_id: '4',
        desk_id: '6',
        staff_key: P,
        recall: false,
      },
    ),
  ],
  [
    visitEvent(
      'visit.called',
      '2026-03-02T09:12:45+01:00',
      ['81235', 'VISIT_RECALL', '2026-03-02T08:12:45.000Z', '6'],
      { visit_id: '81235', location_id: '12', queue_id: '4', desk_id: '6', staff_key: P, recall: true },
    ),
  ],
  'ignored',
  [
    visitEvent(
      'visit.finished',
      '2026-03-02T09:15:02+01:00',
      ['81234', 'VISIT_END', '2026-03-02T08:15:02.000Z', '5'],
      {
        visit_id: '81234',
        location_id: '12',
        queue_id: '3',
        desk_id: '5',
        outcome: 'served',
        products: ['paspoort', 'id-kaart'],
      },
    ),
  ],
  [
    visitEvent(
      'visit.called',
      '2026-03-02T09:16:00+01:00',
      ['81236', 'VISIT_CALL', '2026-03-02T08:16:00.000Z', '5'],
      {
        visit_id: '81236',
        location_id: '12',
        queue_id: '3',
        desk_id: '5',
        staff_key: J,
        recall: false,
      },
    ),
  ],
  [
    visitEvent(
      'visit.transferred',
      '2026-03-02T09:20:30+01:00',
      ['81236', 'VISIT_TRANSFER_TO_QUEUE', '2026-03-02T08:20:30.000Z', '5'],
      { visit_id: '81236', location_id: '12', from_queue_id: '3', to: { kind: 'queue', id: '4' } },
    ),
  ],
  [
    visitEvent(
      'visit.finished',
      '2026-03-02T09:24:00+01:00',
      ['81235', 'VISIT_END', '2026-03-02T08:24:00.000Z', '6'],
      {
        visit_id: '81235',
        location_id: '12',
        queue_id: '4',
        desk_id: '6',
        outcome: 'served',
        products: ['17'],
      },
    ),
  ],
  [
    // callCount 2: the connector knows this visit was called before (in queue 3).
    visitEvent(
      'visit.called',
      '2026-03-02T09:25:10+01:00',
      ['81236', 'VISIT_CALL', '2026-03-02T08:25:10.000Z', '6'],
      {
        visit_id: '81236',
        location_id: '12',
        queue_id: '4',
        desk_id: '6',
        staff_key: P,
        recall: true,
      },
    ),
  ],
  [
    visitEvent(
      'visit.arrived',
      '2026-03-02T09:06:00+01:00',
      ['81237', 'VISIT_CREATE', '2026-03-02T08:06:00.000Z', ''],
      {
        visit_id: '81237',
        location_id: '12',
        queue_id: '3',
        kind: 'walk_in',
        products: [],
        ticket: 'A044',
      },
    ),
  ],
  [
    visitEvent(
      'visit.called',
      '2026-03-02T09:31:00+01:00',
      ['81237', 'VISIT_CALL', '2026-03-02T08:31:00.000Z', '5'],
      {
        visit_id: '81237',
        location_id: '12',
        queue_id: '3',
        desk_id: '5',
        staff_key: J,
        recall: false,
      },
    ),
  ],
  [
    visitEvent(
      'visit.finished',
      '2026-03-02T09:31:00.250+01:00',
      ['81236', 'VISIT_END', '2026-03-02T08:31:00.250Z', '6'],
      {
        visit_id: '81236',
        location_id: '12',
        queue_id: '4',
        desk_id: '6',
        outcome: 'served',
        products: ['rijbewijs'],
      },
    ),
  ],
  [
    visitEvent(
      'visit.finished',
      '2026-03-02T09:33:00+01:00',
      ['81237', 'VISIT_NOSHOW', '2026-03-02T08:33:00.000Z', '5'],
      { visit_id: '81237', location_id: '12', queue_id: '3', desk_id: '5', outcome: 'no_show', products: [] },
    ),
  ],
  [
    visitEvent(
      'visit.finished',
      '2026-03-02T09:40:00+01:00',
      ['81238', 'VISIT_REMOVE', '2026-03-02T08:40:00.000Z', ''],
      { visit_id: '81238', location_id: '12', queue_id: '4', outcome: 'removed', products: [] },
    ),
  ],
  [
    deskEvent(
      'desk.closed',
      '2026-03-02T12:30:00+01:00',
      ['12', '5', 'SERVICE_POINT_CLOSE', '2026-03-02T11:30:00.000Z'],
      {
        location_id: '12',
        desk_id: '5',
      },
    ),
  ],
  [
    deskEvent(
      'desk.closed',
      '2026-03-02T12:31:00+01:00',
      ['12', '6', 'SERVICE_POINT_CLOSE', '2026-03-02T11:31:00.000Z'],
      {
        location_id: '12',
        desk_id: '6',
      },
    ),
  ],
];

describe('Qmatic event stream', () => {
  const records = translateQmaticEvents(stream, ctx);

  it('translates every record of the stream into the expected canonical events', () => {
    expect(records).toHaveLength(expected.length);
    records.forEach((record, i) => {
      expect(record.index).toBe(i);
      expect(record.errors).toEqual([]);
      const want = expected[i]!;
      if (want === 'ignored') {
        expect(record.events).toEqual([]);
        expect(record.ignored).toBe('VISIT_CONFIRM carries nothing stuurwiel measures');
      } else {
        expect(record.events).toEqual(want);
      }
    });
  });

  it('emits only events the canonical schema accepts', () => {
    for (const event of records.flatMap((r) => r.events)) {
      expect(validateEvent(event)).toMatchObject({ ok: true });
    }
  });

  it('gives every event its own id, and the same id when the stream is sent again', () => {
    const ids = records.flatMap((r) => r.events.map((e) => e.event_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(translateQmaticEvents(stream, ctx).flatMap((r) => r.events.map((e) => e.event_id))).toEqual(ids);
  });

  it('never lets a staff user name out, not even in the originals kept for dead letters', () => {
    const out = JSON.stringify(records);
    expect(out).not.toContain('jjansen');
    expect(out).not.toContain('pdevries');
    expect(records[0]!.original).toMatchObject({ staffUserName: J });
  });

  it('takes one object as one record', () => {
    const records = translateQmaticEvents(stream[5], ctx);
    expect(records).toEqual([
      { index: 0, original: { ...(stream[5] as object), staffUserName: J }, events: expected[5], errors: [] },
    ]);
  });

  it('marks a VISIT_CALL as a recall when the connector says so', () => {
    const call = {
      event: 'VISIT_CALL',
      eventTime: '2026-03-02T09:40:00+01:00',
      branchId: 12,
      visitId: 81239,
      queueId: 3,
      servicePointId: 5,
      recall: true,
    };
    expect(translateQmaticEvents(call, ctx)[0]!.events[0]!.payload).toEqual({
      visit_id: '81239',
      location_id: '12',
      queue_id: '3',
      desk_id: '5',
      recall: true,
    });
  });

  it('transfers to a service point and to a staff member (pseudonymised)', () => {
    const base = { eventTime: '2026-03-02T10:00:00+01:00', branchId: 12, visitId: 81240, queueId: 3 };
    const [toDesk, toStaff] = translateQmaticEvents(
      [
        { ...base, event: 'VISIT_TRANSFER_TO_SERVICE_POINT', targetServicePointId: 6 },
        { ...base, event: 'VISIT_TRANSFER_TO_USER_POOL', targetStaffUserName: 'pdevries' },
      ],
      ctx,
    );
    expect(toDesk!.events[0]!.payload).toEqual({
      visit_id: '81240',
      location_id: '12',
      from_queue_id: '3',
      to: { kind: 'desk', id: '6' },
    });
    expect(toStaff!.events[0]!.payload).toEqual({
      visit_id: '81240',
      location_id: '12',
      from_queue_id: '3',
      to: { kind: 'staff', id: P },
    });
    expect(JSON.stringify(toStaff)).not.toContain('pdevries');
  });

  it('lets VISIT_END and VISIT_REMOVE say the visitor left', () => {
    const left = translateQmaticEvents(
      {
        event: 'VISIT_REMOVE',
        eventTime: '2026-03-02T17:00:00+01:00',
        branchId: 12,
        visitId: 81241,
        outcome: 'left',
      },
      ctx,
    );
    expect(left[0]!.events[0]!.payload).toEqual({
      visit_id: '81241',
      location_id: '12',
      outcome: 'left',
      products: [],
    });
  });
});

describe('Qmatic rejects', () => {
  const ok = qmaticCall;

  it.each([
    [
      'an unknown event',
      { ...ok, event: 'VISIT_TELEPORT' },
      [
        {
          path: 'event',
          reason:
            'unknown event of 14 characters (letters, other characters); expected one of VISIT_CREATE, VISIT_CALL, VISIT_RECALL, VISIT_TRANSFER_TO_QUEUE, ' +
            'VISIT_TRANSFER_TO_SERVICE_POINT, VISIT_TRANSFER_TO_USER_POOL, VISIT_END, VISIT_NOSHOW, VISIT_REMOVE, ' +
            'SERVICE_POINT_OPEN, SERVICE_POINT_CLOSE, VISIT_CONFIRM, USER_SESSION_START, USER_SESSION_END',
        },
      ],
    ],
    ['no event name', { ...ok, event: undefined }, [{ path: 'event', reason: 'required' }]],
    [
      'an event name that is not a string',
      { ...ok, event: 7 },
      [{ path: 'event', reason: 'must be a string' }],
    ],
    [
      'missing fields the event needs',
      { event: 'VISIT_CALL', eventTime: ok.eventTime, branchId: 12, queueId: 3 },
      [
        { path: 'visitId', reason: 'required for VISIT_CALL' },
        { path: 'servicePointId', reason: 'required for VISIT_CALL' },
      ],
    ],
    [
      'no time and no branch',
      { ...ok, eventTime: undefined, branchId: undefined },
      [
        { path: 'eventTime', reason: 'required' },
        { path: 'branchId', reason: 'required' },
      ],
    ],
    [
      'a local time without offset',
      { ...ok, eventTime: '2026-03-02T09:07:40' },
      [
        {
          path: 'eventTime',
          reason: 'must be an ISO 8601 date-time with offset or Z, e.g. 2026-03-02T09:00:00+01:00',
        },
      ],
    ],
    [
      'ids of the wrong type',
      { ...ok, visitId: true, servicePointId: '' },
      [
        { path: 'visitId', reason: 'must be a non-empty string or a whole number' },
        { path: 'servicePointId', reason: 'must not be empty' },
      ],
    ],
    [
      'a call count that is not a whole number',
      { ...ok, callCount: 1.5 },
      [{ path: 'callCount', reason: 'must be a whole number ≥ 1' }],
    ],
    [
      'an appointment without its time',
      { ...ok, event: 'VISIT_CREATE', servicePointId: undefined, appointmentId: 'A-1' },
      [
        {
          path: 'appointmentTime',
          reason: 'required when appointmentId is given: an appointment wait counts from its start',
        },
      ],
    ],
    [
      'a transfer without a target',
      { ...ok, event: 'VISIT_TRANSFER_TO_QUEUE' },
      [{ path: 'targetQueueId', reason: 'required for VISIT_TRANSFER_TO_QUEUE' }],
    ],
    [
      'a record that is not an object',
      'VISIT_CALL',
      [{ path: '', reason: 'must be a JSON object (one Qmatic event)' }],
    ],
  ])('rejects %s with the path and reason', (_name, input, errors) => {
    const records = translateQmaticEvents([input], ctx);
    expect(records).toHaveLength(1);
    expect(records[0]!.events).toEqual([]);
    expect(records[0]!.errors).toEqual(errors);
  });

  it('keeps the other records of the request', () => {
    const records = translateQmaticEvents([ok, { ...ok, event: 'NOPE' }, ok], ctx);
    expect(records.map((r) => [r.index, r.events.length, r.errors.length])).toEqual([
      [0, 1, 0],
      [1, 0, 1],
      [2, 1, 0],
    ]);
  });
});
