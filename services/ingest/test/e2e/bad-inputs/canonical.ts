import { validEvents } from '../../../../../schemas/test/fixtures/valid-events.js';
import type { BadInput } from './corpus.js';

type Json = Record<string, unknown>;

let serial = 0;
/** A valid event with patches applied and an event id of its own (dead letters are found by it). */
function event(type: keyof typeof validEvents, envelope: Json = {}, payload: Json = {}): Json {
  serial += 1;
  const base = validEvents[type] as Json;
  const merged: Json = {
    ...base,
    event_id: `bad-input-${serial}`,
    ...envelope,
    payload: { ...(base.payload as Json), ...payload },
  };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged;
}

const TIMESTAMP = 'must be an ISO 8601 date-time with offset or Z, e.g. 2026-03-02T09:00:00+01:00';
const url = '/v1/events';
const one = (e: unknown) => JSON.stringify([e]);

export const canonicalBadInputs: BadInput[] = [
  {
    name: 'truncated JSON',
    url,
    body: '[{"spec_version":1,"event_id":"x","tenant":"GM03',
    status: 400,
    reason: /^body is not valid JSON \((at character \d+|it ends too early)\)$/,
    deadLetter: true,
  },
  { name: 'empty body', url, body: '  ', status: 400, reason: 'body is empty', deadLetter: true },
  {
    name: 'XML instead of JSON',
    url,
    body: '<events/>',
    contentType: 'application/xml',
    status: 415,
    reason: /Unsupported Media Type/,
    deadLetter: false,
  },
  {
    name: 'wait as a string',
    url,
    body: one(event('call.answered', {}, { wait_seconds: '12' })),
    status: 422,
    rejected: [
      { index: 0, path: 'payload.wait_seconds', reason: 'Invalid input: expected number, received string' },
    ],
    deadLetter: true,
  },
  {
    name: 'unknown event type',
    url,
    body: one(event('desk.closed', { type: 'desk.exploded' })),
    status: 422,
    rejected: [{ index: 0, path: 'type', reason: 'unknown event type' }],
    deadLetter: true,
  },
  {
    name: 'timestamp without offset',
    url,
    body: one(event('desk.closed', { occurred_at: '2026-03-02T09:00:00' })),
    status: 422,
    rejected: [{ index: 0, path: 'occurred_at', reason: TIMESTAMP }],
    deadLetter: true,
  },
  {
    name: 'timestamp far in the future',
    url,
    body: one(event('desk.closed', { occurred_at: '2099-01-01T00:00:00Z' })),
    status: 422,
    rejected: [
      { index: 0, path: 'occurred_at', reason: /^lies \d+ s in the future \(at most 300 s allowed\)$/ },
    ],
    deadLetter: true,
  },
  {
    name: 'negative talk time',
    url,
    body: one(event('call.ended', {}, { talk_seconds: -5 })),
    status: 422,
    rejected: [{ index: 0, path: 'payload.talk_seconds', reason: 'must be a number of seconds ≥ 0' }],
    deadLetter: true,
  },
  {
    name: 'tenant that is not a municipality code',
    url,
    body: one(event('desk.closed', { tenant: 'AMS' })),
    status: 422,
    rejected: [{ index: 0, path: 'tenant', reason: 'must be a CBS municipality code such as GM0363' }],
    deadLetter: true,
  },
  {
    name: 'e-mail address in a ticket',
    url,
    body: one(event('visit.arrived', {}, { ticket: 'jan.jansen@example.nl' })),
    status: 422,
    rejected: [
      {
        index: 0,
        path: 'payload.ticket',
        reason: 'contains a clear e-mail address; send a keyed hash or leave it out',
      },
    ],
    deadLetter: true,
  },
  {
    name: 'phone number as a menu choice',
    url,
    body: one(event('call.menu_choice', {}, { choice: '06-12345678' })),
    status: 422,
    rejected: [
      {
        index: 0,
        path: 'payload.choice',
        reason: 'contains a clear phone number; send a keyed hash or leave it out',
      },
    ],
    deadLetter: true,
  },
  {
    name: 'BSN as a product',
    url,
    body: one(event('visit.finished', {}, { products: ['111222333'] })),
    status: 422,
    rejected: [
      {
        index: 0,
        path: 'payload.products.0',
        reason: 'contains a clear BSN; send a keyed hash or leave it out',
      },
    ],
    deadLetter: true,
  },
  {
    name: 'unknown payload field',
    url,
    body: one(event('desk.closed', {}, { colour: 'blue' })),
    status: 422,
    rejected: [{ index: 0, path: 'payload', reason: 'Unrecognized key: "colour"' }],
    deadLetter: true,
  },
  {
    name: 'a number instead of an event',
    url,
    body: '[42]',
    status: 422,
    rejected: [{ index: 0, path: '', reason: /expected object/ }],
    deadLetter: true,
  },
  {
    name: 'spec version 2',
    url,
    body: one(event('desk.closed', { spec_version: 2 })),
    status: 422,
    rejected: [{ index: 0, path: 'spec_version', reason: 'must be 1' }],
    deadLetter: true,
  },
  {
    name: 'one good and one bad event: partial acceptance',
    url,
    body: JSON.stringify([event('desk.opened'), event('desk.closed', { event_id: 'has spaces' })]),
    status: 202,
    rejected: [{ index: 1, path: 'event_id', reason: 'may only contain letters, digits and . _ : -' }],
    deadLetter: true,
  },
  {
    name: 'events of another municipality with this key',
    url,
    body: one(event('desk.closed')),
    key: 'other',
    status: 403,
    reason: "records 0 belong to another tenant than this key's (GM0599); nothing was accepted",
    deadLetter: false,
  },
  {
    name: 'no API key',
    url,
    body: one(event('desk.closed')),
    key: 'none',
    status: 401,
    reason: 'missing API key (Authorization: Bearer <key>)',
    deadLetter: false,
  },
  {
    name: 'wrong API key',
    url,
    body: one(event('desk.closed')),
    key: 'wrong',
    status: 401,
    reason: 'unknown or revoked API key',
    deadLetter: false,
  },
  {
    name: 'too many records in one request',
    url,
    body: JSON.stringify(Array.from({ length: 1001 }, () => ({}))),
    status: 413,
    reason: '1001 records in one request; at most 1000',
    deadLetter: false,
  },
  {
    name: 'oversize body',
    url,
    body: JSON.stringify([{ padding: 'x'.repeat(300 * 1024) }]),
    status: 413,
    reason: /too large/i,
    deadLetter: false,
  },
];
