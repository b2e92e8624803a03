import { queueLogOptionsSchema, translateQueueLog } from '../adapters/asterisk/index.js';
import { MAX_LINE_LENGTH } from '../adapters/asterisk/queue-log.js';
import { checkRecordCount } from './json-body.js';
import { BodyError, type SourceRoute } from './source-route.js';

/** How often `char` occurs in `text`, without splitting it. */
function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** Non-blank lines, counted without splitting the body. */
function countLines(body: string): number {
  let lines = 0;
  let start = 0;
  while (start <= body.length) {
    const end = body.indexOf('\n', start);
    const stop = end === -1 ? body.length : end;
    for (let i = start; i < stop; i++) {
      const c = body.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        lines++;
        break;
      }
    }
    if (end === -1) break;
    start = end + 1;
  }
  return lines;
}

/** POST /v1/sources/asterisk/queue-log: queue_log lines as text/plain, one record per line. */
export const asteriskRoute: SourceRoute = {
  url: '/v1/sources/asterisk/queue-log',
  name: 'asterisk',
  source: { system: 'telephony', vendor: 'asterisk' },
  async translate(body, context, contentType, limits) {
    if (contentType !== 'text/plain') throw new BodyError('queue_log lines must be sent as text/plain');
    if (!/\S/.test(body)) throw new BodyError('body is empty');
    checkRecordCount(countLines(body), limits);
    const options = queueLogOptionsSchema.safeParse(context.settings?.asterisk ?? {});
    if (!options.success)
      throw new Error(`asterisk settings of ${context.tenant} are invalid: ${options.error.message}`);
    return translateQueueLog(body, context, options.data);
  },
  // epoch|callid|queue|agent|EVENT|data...: the agent field holds a name or a channel and is
  // kept as its keyed hash; the data fields hold caller ids and free text in forms no pattern
  // can know, so only their number is kept.
  deadLetterFields(original, context) {
    if (typeof original !== 'string') return undefined;
    const [time, call_id, queue, agent, event] = original.split('|', 5);
    return {
      time,
      call_id,
      queue,
      ...(agent === undefined || agent === '' || agent === 'NONE'
        ? { agent }
        : // A line too long to be read is hashed by its first characters.
          { agent: `agent:${context.pseudonymise(agent.slice(0, MAX_LINE_LENGTH)).slice(0, 16)}` }),
      event,
      data_fields: Math.max(0, countOf(original, '|') - 4),
    };
  },
};
