import { EXPECTED, LINES } from '../../asterisk/fixtures/expected.js';
import type { BadInput } from './corpus.js';

const url = '/v1/sources/asterisk/queue-log';
const text = 'text/plain';

/** Every garbage line of the queue_log fixture, each posted on its own. */
const garbageLines: BadInput[] = EXPECTED.filter((r) => r.errors.length > 0).map((r) => ({
  name: `queue_log garbage line: ${LINES[r.index]}`,
  url,
  body: LINES[r.index]!,
  contentType: text,
  status: 422,
  rejected: r.errors.map((e) => ({ index: 0, path: e.path, reason: e.reason })),
  deadLetter: true,
}));

export const asteriskBadInputs: BadInput[] = [
  ...garbageLines,
  {
    name: 'queue_log sent as JSON',
    url,
    body: '{"line":"1772439040|1|q|NONE|ABANDON|1|1|5"}',
    status: 400,
    reason: 'queue_log lines must be sent as text/plain',
    deadLetter: true,
  },
  {
    name: 'queue_log with a key only for canonical events',
    url,
    body: '1772439041|1772439041.2|kcc|NONE|ENTERQUEUE||0612345678|1',
    contentType: text,
    key: 'canonical-only',
    status: 403,
    reason: 'this API key may not post asterisk input',
    deadLetter: false,
  },
];
