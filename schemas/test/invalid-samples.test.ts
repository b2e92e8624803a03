import { type EventType, validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { validEvents } from './fixtures/valid-events.js';

type Json = Record<string, unknown>;

/** A valid event of `type` with envelope fields replaced (undefined removes the field). */
function envelope(type: EventType, patch: Json): Json {
  return strip({ ...validEvents[type], ...patch });
}

/** A valid event of `type` with payload fields replaced (undefined removes the field). */
function payload(type: EventType, patch: Json): Json {
  const event = validEvents[type];
  return { ...event, payload: strip({ ...event.payload, ...patch }) };
}

function strip(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const TIMESTAMP = 'must be an ISO 8601 date-time with offset or Z, e.g. 2026-03-02T09:00:00+01:00';
const CALLER_KEY = 'must be a keyed hash of 16 to 128 hex characters, never a phone number or name';
const NORM_UNITS =
  'Invalid option: expected one of "seconds"|"minutes"|"hours"|"calendar_days"|"working_days"';

const cases: { name: string; input: unknown; path: string; reason: string }[] = [
  // envelope
  {
    name: 'tenant that is not a CBS code',
    input: envelope('desk.closed', { tenant: 'AMS' }),
    path: 'tenant',
    reason: 'must be a CBS municipality code such as GM0363',
  },
  {
    name: 'tenant with three digits',
    input: envelope('desk.closed', { tenant: 'GM363' }),
    path: 'tenant',
    reason: 'must be a CBS municipality code such as GM0363',
  },
  {
    name: 'missing event_id',
    input: envelope('desk.closed', { event_id: undefined }),
    path: 'event_id',
    reason: 'required',
  },
  {
    name: 'event_id with a space',
    input: envelope('desk.closed', { event_id: 'abc def' }),
    path: 'event_id',
    reason: 'may only contain letters, digits and . _ : -',
  },
  {
    name: 'event_id longer than 128',
    input: envelope('desk.closed', { event_id: 'x'.repeat(129) }),
    path: 'event_id',
    reason: 'Too big: expected string to have <=128 characters',
  },
  {
    name: 'occurred_at in local time without offset',
    input: envelope('desk.closed', { occurred_at: '2026-03-02T09:00:00' }),
    path: 'occurred_at',
    reason: TIMESTAMP,
  },
  {
    name: 'occurred_at with offset lacking a colon',
    input: envelope('desk.closed', { occurred_at: '2026-03-02T09:00:00+0100' }),
    path: 'occurred_at',
    reason: TIMESTAMP,
  },
  {
    name: 'occurred_at before 1970, which ClickHouse cannot store',
    input: envelope('desk.closed', { occurred_at: '0999-01-01T21:00:00Z' }),
    path: 'occurred_at',
    reason: 'must lie in the years 1970 to 2105',
  },
  {
    name: 'occurred_at after 2105',
    input: envelope('desk.closed', { occurred_at: '2106-03-02T09:00:00Z' }),
    path: 'occurred_at',
    reason: 'must lie in the years 1970 to 2105',
  },
  {
    name: 'occurred_at that is not a date',
    input: envelope('desk.closed', { occurred_at: 'yesterday' }),
    path: 'occurred_at',
    reason: TIMESTAMP,
  },
  {
    name: 'occurred_at as epoch number',
    input: envelope('desk.closed', { occurred_at: 1772438400000 }),
    path: 'occurred_at',
    reason: TIMESTAMP,
  },
  {
    name: 'unknown type',
    input: envelope('desk.closed', { type: 'visit.arived' }),
    path: 'type',
    reason: 'unknown event type',
  },
  {
    name: 'missing type',
    input: envelope('desk.closed', { type: undefined }),
    path: 'type',
    reason: 'required',
  },
  {
    name: 'wrong spec_version',
    input: envelope('desk.closed', { spec_version: 2 }),
    path: 'spec_version',
    reason: 'must be 1',
  },
  {
    name: 'missing spec_version',
    input: envelope('desk.closed', { spec_version: undefined }),
    path: 'spec_version',
    reason: 'required',
  },
  {
    name: 'unknown source.system',
    input: envelope('desk.closed', { source: { system: 'crm', vendor: 'x' } }),
    path: 'source.system',
    reason:
      'Invalid option: expected one of "queue_management"|"appointments"|"telephony"|"case_system"|"survey"|"written"|"reference"',
  },
  {
    name: 'empty source.vendor',
    input: envelope('desk.closed', { source: { system: 'queue_management', vendor: '' } }),
    path: 'source.vendor',
    reason: 'Too small: expected string to have >=1 characters',
  },
  {
    name: 'unknown envelope key',
    input: envelope('desk.closed', { received_at: '2026-03-02T12:30:00Z' }),
    path: '',
    reason: 'Unrecognized key: "received_at"',
  },
  {
    name: 'missing payload',
    input: envelope('desk.closed', { payload: undefined }),
    path: 'payload',
    reason: 'required',
  },
  {
    name: 'not an object at all',
    input: null,
    path: '',
    reason: 'Invalid input: expected object, received null',
  },
  // payload: visits and desks
  {
    name: 'appointment visit without appointment_start',
    input: payload('visit.arrived', { appointment_start: undefined }),
    path: 'payload.appointment_start',
    reason: 'required when kind is appointment',
  },
  {
    name: 'appointment_start without offset',
    input: payload('visit.arrived', { appointment_start: '2026-03-02T09:00' }),
    path: 'payload.appointment_start',
    reason: TIMESTAMP,
  },
  {
    name: 'empty product id',
    input: payload('visit.finished', { products: ['', 'paspoort'] }),
    path: 'payload.products.0',
    reason: 'Too small: expected string to have >=1 characters',
  },
  {
    name: 'unknown visit outcome',
    input: payload('visit.finished', { outcome: 'done' }),
    path: 'payload.outcome',
    reason: 'Invalid option: expected one of "served"|"no_show"|"left"|"removed"',
  },
  {
    name: 'recall given as text',
    input: payload('visit.called', { recall: 'yes' }),
    path: 'payload.recall',
    reason: 'Invalid input: expected boolean, received string',
  },
  {
    name: 'transfer to an unknown kind',
    input: payload('visit.transferred', { to: { kind: 'counter', id: 'b1' } }),
    path: 'payload.to.kind',
    reason: 'Invalid option: expected one of "queue"|"desk"|"staff"',
  },
  {
    name: 'unknown extra payload key',
    input: payload('desk.opened', { bsn: '123456782' }),
    path: 'payload',
    reason: 'Unrecognized key: "bsn"',
  },
  // appointments
  {
    name: 'booking without products',
    input: payload('appointment.booked', { products: [] }),
    path: 'payload.products',
    reason: 'at least one product is required',
  },
  {
    name: 'booking that ends before it starts',
    input: payload('appointment.booked', { end: '2026-03-02T08:50:00+01:00' }),
    path: 'payload.end',
    reason: 'must be after start',
  },
  // telephony
  {
    name: 'negative wait_seconds',
    input: payload('call.answered', { wait_seconds: -3 }),
    path: 'payload.wait_seconds',
    reason: 'must be a number of seconds ≥ 0',
  },
  {
    name: 'wait_seconds as a string',
    input: payload('call.answered', { wait_seconds: '24' }),
    path: 'payload.wait_seconds',
    reason: 'Invalid input: expected number, received string',
  },
  {
    name: 'missing agent_key',
    input: payload('call.answered', { agent_key: undefined }),
    path: 'payload.agent_key',
    reason: 'required',
  },
  {
    name: 'abandon in queue without queue_id',
    input: payload('call.abandoned', { queue_id: undefined }),
    path: 'payload.queue_id',
    reason: 'required when stage is queue',
  },
  {
    name: 'caller_key that is an international phone number',
    input: payload('call.offered', { caller_key: '+31201234567' }),
    path: 'payload.caller_key',
    reason: CALLER_KEY,
  },
  {
    name: 'caller_key that is a mobile number',
    input: payload('call.offered', { caller_key: '0612345678' }),
    path: 'payload.caller_key',
    reason: CALLER_KEY,
  },
  {
    name: 'negative after_call_work_seconds',
    input: payload('call.ended', { after_call_work_seconds: -1 }),
    path: 'payload.after_call_work_seconds',
    reason: 'must be a number of seconds ≥ 0',
  },
  {
    name: 'unknown blocked reason',
    input: payload('call.blocked', { reason: 'full' }),
    path: 'payload.reason',
    reason: 'Invalid option: expected one of "busy"|"closed"|"capacity"',
  },
  {
    name: 'callback promise in fortnights',
    input: payload('callback.requested', { promise: { target: 1, unit: 'fortnights' } }),
    path: 'payload.promise.unit',
    reason: NORM_UNITS,
  },
  {
    name: 'callback promise of zero days',
    input: payload('callback.requested', { promise: { target: 0, unit: 'working_days' } }),
    path: 'payload.promise.target',
    reason: 'Too small: expected number to be >0',
  },
  // cases
  {
    name: 'extension of 0 working days',
    input: payload('case.extended', { working_days: 0 }),
    path: 'payload.working_days',
    reason: 'must be at least 1 working day',
  },
  {
    name: 'extension in both working days and weeks',
    input: payload('case.extended', { working_days: 10, calendar_weeks: 6 }),
    path: 'payload.working_days',
    reason: 'give exactly one of working_days and calendar_weeks',
  },
  {
    name: 'extension without a duration',
    input: payload('case.extended', { working_days: undefined }),
    path: 'payload.working_days',
    reason: 'give exactly one of working_days and calendar_weeks',
  },
  {
    name: 'extension of half a week',
    input: payload('case.extended', { working_days: undefined, calendar_weeks: 0.5 }),
    path: 'payload.calendar_weeks',
    reason: 'must be a whole number of weeks',
  },
  {
    name: 'suspension until a day that is not a date',
    input: payload('case.suspended', { until: '23-03-2026' }),
    path: 'payload.until',
    reason: 'must be a date as YYYY-MM-DD',
  },
  {
    name: 'closing day that is not a date',
    input: payload('reference.closing_day', { date: '2026-02-30' }),
    path: 'payload.date',
    reason: 'must be a date as YYYY-MM-DD',
  },
  {
    name: 'extension of fractional working days',
    input: payload('case.extended', { working_days: 2.5 }),
    path: 'payload.working_days',
    reason: 'must be a whole number of working days',
  },
  {
    name: 'end_date that is not a date',
    input: payload('case.closed', { end_date: '12-05-2026' }),
    path: 'payload.end_date',
    reason: 'must be a date as YYYY-MM-DD',
  },
  {
    name: 'end_date that does not exist',
    input: payload('case.closed', { end_date: '2026-02-30' }),
    path: 'payload.end_date',
    reason: 'must be a date as YYYY-MM-DD',
  },
  {
    name: 'start_date with a time',
    input: payload('case.created', { start_date: '2026-03-02T11:15:00+01:00' }),
    path: 'payload.start_date',
    reason: 'must be a date as YYYY-MM-DD',
  },
  {
    name: 'lead-time norm in half days',
    input: payload('case.created', { lead_time_norm: { target: 2.5, unit: 'working_days' } }),
    path: 'payload.lead_time_norm.target',
    reason: 'must be a whole number of days',
  },
  {
    name: 'status sequence 0',
    input: payload('case.status_changed', { sequence: 0 }),
    path: 'payload.sequence',
    reason: 'Too small: expected number to be >=1',
  },
  // written
  {
    name: 'written contact by phone',
    input: payload('written.received', { channel: 'phone' }),
    path: 'payload.channel',
    reason: 'Invalid option: expected one of "email"|"post"|"web_form"|"chat"',
  },
  // survey
  {
    name: 'survey score above the scale',
    input: payload('survey.responded', { score: 6 }),
    path: 'payload.score',
    reason: 'score must lie within the scale',
  },
  {
    name: 'survey score 0 on a 1-based scale',
    input: payload('survey.responded', { score: 0 }),
    path: 'payload.score',
    reason: 'score must lie within the scale',
  },
  {
    name: 'survey scale max 7',
    input: payload('survey.responded', { scale: { min: 1, max: 7 } }),
    path: 'payload.scale.max',
    reason: 'Invalid option: expected one of 5|10',
  },
  {
    name: 'survey comment over 2000 characters',
    input: payload('survey.responded', { comment: 'a'.repeat(2001) }),
    path: 'payload.comment',
    reason: 'Too big: expected string to have <=2000 characters',
  },
  // reference data
  {
    name: 'unknown province',
    input: payload('reference.tenant', { province: 'brabant' }),
    path: 'payload.province',
    reason:
      'Invalid option: expected one of "groningen"|"fryslan"|"drenthe"|"overijssel"|"flevoland"|"gelderland"|"utrecht"|"noord-holland"|"zuid-holland"|"zeeland"|"noord-brabant"|"limburg"',
  },
  {
    name: 'population of zero',
    input: payload('reference.tenant', { population: 0 }),
    path: 'payload.population',
    reason: 'Too small: expected number to be >0',
  },
  {
    name: 'unknown size class',
    input: payload('reference.tenant', { size_class: 'huge' }),
    path: 'payload.size_class',
    reason: 'Invalid option: expected one of "lt_20k"|"20k_50k"|"50k_100k"|"100k_250k"|"gte_250k"',
  },
  {
    name: 'norm share of 0',
    input: payload('reference.norm', { share: 0 }),
    path: 'payload.share',
    reason: 'Too small: expected number to be >0',
  },
  {
    name: 'norm share above 1',
    input: payload('reference.norm', { share: 80 }),
    path: 'payload.share',
    reason: 'Too big: expected number to be <=1',
  },
  {
    name: 'norm scoped to a queue without its id',
    input: payload('reference.norm', { scope: { kind: 'queue' } }),
    path: 'payload.scope.id',
    reason: 'required unless kind is tenant',
  },
  {
    name: 'norm unit fortnights',
    input: payload('reference.norm', { unit: 'fortnights' }),
    path: 'payload.unit',
    reason: NORM_UNITS,
  },
  {
    name: 'norm for an unknown kpi',
    input: payload('reference.norm', { kpi: 'happiness' }),
    path: 'payload.kpi',
    reason:
      'Invalid option: expected one of "counter_wait"|"counter_service_time"|"phone_service_level"|' +
      '"phone_answer_time"|"callback_due"|"written_acknowledge"|"written_answer"|"case_lead_time"',
  },
  {
    name: 'case type without extension_allowed',
    input: payload('reference.case_type', { extension_allowed: undefined }),
    path: 'payload.extension_allowed',
    reason: 'required',
  },
];

describe('invalid samples', () => {
  it('are at least 30', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('rejects $name at $path', ({ input, path, reason }) => {
    expect(validateEvent(input)).toEqual({ ok: false, errors: [{ path, reason }] });
  });
});
