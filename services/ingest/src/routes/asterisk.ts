import { queueLogOptionsSchema, translateQueueLog } from '../adapters/asterisk/index.js';
import { isKnownEvent, MAX_LINE_LENGTH } from '../adapters/asterisk/queue-log.js';
import { leftOut } from '../pipeline/dead-letter.js';
import { bodyShape } from './body-shape.js';
import { checkRecordCount } from './json-body.js';
import { BodyError, type SourceRoute } from './source-route.js';

/** How often `char` occurs in `text`, without splitting it. */
function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** POST /v1/sources/asterisk/queue-log: queue_log lines as text/plain, one record per line. */
export const asteriskRoute: SourceRoute = {
  url: '/v1/sources/asterisk/queue-log',
  name: 'asterisk',
  source: { system: 'telephony', vendor: 'asterisk' },
  async translate(body, context, contentType, limits) {
    if (contentType !== 'text/plain') throw new BodyError('queue_log lines must be sent as text/plain');
    if (!/\S/.test(body)) throw new BodyError('body is empty');
    // A queue_log line is no JSON, but its lines are counted as NDJSON's are.
    checkRecordCount(bodyShape(body, { ndjson: true, maxRecords: limits.maxRecords }).records, limits);
    // The credentials file was checked against this schema when it was loaded.
    return translateQueueLog(body, context, queueLogOptionsSchema.parse(context.settings?.asterisk ?? {}));
  },
  // epoch|callid|queue|agent|EVENT|data...: the agent field holds a name or a channel and is
  // kept as its keyed hash; the data fields hold caller ids and free text in forms no pattern
  // can know, so only their number is kept. The others are kept when they have the form the
  // adapter reads (a line that failed may hold anything anywhere), else described by shape.
  deadLetterFields(original, context) {
    if (typeof original !== 'string') return undefined;
    const [time, call_id, queue, agent, event] = original.split('|', 5).map((f) => f.trim());
    const kept = (value: string | undefined, fits: (v: string) => boolean) =>
      value === undefined || fits(value) ? value : leftOut(value);
    return {
      time: kept(time, (v) => /^\d{1,12}$/.test(v)),
      call_id: kept(call_id, (v) => ID.test(v)),
      queue: kept(queue, (v) => ID.test(v)),
      ...(agent === undefined || agent === '' || agent === 'NONE'
        ? { agent }
        : // A line too long to be read is hashed by its first characters.
          { agent: `agent:${context.pseudonymise(agent.slice(0, MAX_LINE_LENGTH)).slice(0, 16)}` }),
      event: kept(event, isKnownEvent),
      data_fields: Math.max(0, countOf(original, '|') - 4),
    };
  },
};

/** A uniqueid or queue name as Asterisk writes them: no spaces, no free text. */
const ID = /^[\w.@-]{1,128}$/;
