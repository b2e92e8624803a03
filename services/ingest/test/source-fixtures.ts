import { readFileSync } from 'node:fs';

/** A valid Qmatic VISIT_CALL, for tests that vary one field of it. */
export const qmaticCall = {
  event: 'VISIT_CALL',
  eventTime: '2026-03-02T09:07:40+01:00',
  branchId: 12,
  visitId: 81234,
  queueId: 3,
  servicePointId: 5,
};

/** A valid survey response, for tests that vary one field of it. */
export const surveyResponseFixture = {
  response_id: 'R-1',
  answered_at: '2026-03-02T09:30:12+01:00',
  channel: 'counter',
  score: 4,
  scale: { min: 1, max: 5 },
};

/** The JCC export fixture: its mapping, header and first data row. */
export const jcc = (() => {
  const mapping = JSON.parse(readFileSync(new URL('../mappings/jcc.json', import.meta.url), 'utf8'));
  const lines = readFileSync(new URL('./csv/jcc.csv', import.meta.url), 'utf8').split('\n');
  return { mapping, header: lines[0]!.split(';'), row: lines[1]!.split(';') };
})();
