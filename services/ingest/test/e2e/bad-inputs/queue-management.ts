import { readFileSync } from 'node:fs';
import { qmaticCall } from '../../source-fixtures.js';
import type { BadInput } from './corpus.js';

const jccMapping = JSON.parse(readFileSync(new URL('../../../mappings/jcc.json', import.meta.url), 'utf8'));
const jcc = readFileSync(new URL('../../csv/jcc.csv', import.meta.url), 'utf8').split('\n');
const header = jcc[0]!.split(';');
const good = jcc[1]!.split(';');
const csv = (patch: Partial<{ header: string[]; rows: string[][]; mapping: unknown; format: string }>) =>
  JSON.stringify({ format: 'jcc', mapping: jccMapping, header, rows: [good], ...patch });

const call = qmaticCall;
const response = {
  response_id: 'R-bad',
  answered_at: '2026-03-02T09:30:12+01:00',
  channel: 'counter',
  score: 4,
  scale: { min: 1, max: 5 },
};

export const queueManagementBadInputs: BadInput[] = [
  {
    name: 'Qmatic event of an unknown kind',
    url: '/v1/sources/qmatic/events',
    body: JSON.stringify([{ ...call, event: 'VISIT_TELEPORT' }]),
    status: 422,
    rejected: [
      {
        index: 0,
        path: 'event',
        reason: /^unknown event of 14 characters \(letters, other characters\); expected one of /,
      },
    ],
    deadLetter: true,
  },
  {
    name: 'Qmatic call without visit and service point',
    url: '/v1/sources/qmatic/events',
    body: JSON.stringify([{ event: 'VISIT_CALL', eventTime: call.eventTime, branchId: 12, queueId: 3 }]),
    status: 422,
    rejected: [
      { index: 0, path: 'visitId', reason: 'required for VISIT_CALL' },
      { index: 0, path: 'servicePointId', reason: 'required for VISIT_CALL' },
    ],
    deadLetter: true,
  },
  {
    name: 'Qmatic event time without offset',
    url: '/v1/sources/qmatic/events',
    body: JSON.stringify([{ ...call, eventTime: '2026-03-02T09:07:40' }]),
    status: 422,
    rejected: [
      {
        index: 0,
        path: 'eventTime',
        reason: 'must be an ISO 8601 date-time with offset or Z, e.g. 2026-03-02T09:00:00+01:00',
      },
    ],
    deadLetter: true,
  },
  {
    name: 'CSV export missing a mapped column',
    url: '/v1/sources/csv',
    body: csv({ header: header.filter((h) => h !== 'Aankomsttijd'), rows: [] }),
    status: 400,
    reason: /Aankomsttijd/,
    deadLetter: true,
  },
  {
    name: 'CSV row with an extra column',
    url: '/v1/sources/csv',
    body: csv({ rows: [[...good, 'x']] }),
    status: 422,
    rejected: [
      { index: 0, path: 'row.0', reason: `expected ${header.length} columns, got ${header.length + 1}` },
    ],
    deadLetter: true,
  },
  {
    name: 'CSV row with too few columns',
    url: '/v1/sources/csv',
    body: csv({ rows: [good.slice(0, 2)] }),
    status: 422,
    rejected: [{ index: 0, path: 'row.0', reason: `expected ${header.length} columns, got 2` }],
    deadLetter: true,
  },
  {
    name: 'CSV row with a date that does not exist',
    url: '/v1/sources/csv',
    body: csv({ rows: [good.map((cell, i) => (header[i] === 'Aankomsttijd' ? '31-02-2026 10:02' : cell))] }),
    status: 422,
    rejected: [
      {
        index: 0,
        path: 'row.0.arrival',
        reason: "column 'Aankomsttijd': '31-02-2026 10:02' is not a date-time as dd-MM-yyyy HH:mm",
      },
    ],
    deadLetter: true,
  },
  {
    name: 'CSV body whose format differs from its mapping',
    url: '/v1/sources/csv',
    body: csv({ format: 'qmatic-statistics' }),
    status: 400,
    reason: /format/,
    deadLetter: true,
  },
  {
    name: 'survey score above its scale',
    url: '/v1/sources/survey',
    body: JSON.stringify([{ ...response, score: 7 }]),
    status: 422,
    rejected: [{ index: 0, path: 'score', reason: 'must lie within the scale 1–5, got 7' }],
    deadLetter: true,
  },
  {
    name: 'survey score as text',
    url: '/v1/sources/survey',
    body: JSON.stringify([{ ...response, score: '4' }]),
    status: 422,
    rejected: [{ index: 0, path: 'score', reason: 'must be a number' }],
    deadLetter: true,
  },
  {
    name: 'survey response that is truncated JSON',
    url: '/v1/sources/survey',
    body: '[{"response_id":"R-9","score":',
    status: 400,
    reason: /^body is not valid JSON \((at character \d+|it ends too early)\)$/,
    deadLetter: true,
  },
];
