import { queueLogOptionsSchema, translateQueueLog } from '../adapters/asterisk/index.js';
import type { AdapterContext, TranslatedRecord } from '../adapters/types.js';
import { checkRecordCount } from './json-body.js';
import { BodyError, type SourceRoute } from './source-route.js';

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

// queue_log fields: epoch|callid|queue|agent|EVENT|data... The agent field holds a name or a
// channel; a rejected line is dead-lettered, so that field is pseudonymised there too.
function withAgentHidden(record: TranslatedRecord, context: AdapterContext): TranslatedRecord {
  if (record.errors.length === 0 || typeof record.original !== 'string') return record;
  const fields = record.original.split('|');
  if (fields.length < 4 || fields[3] === '' || fields[3] === 'NONE') return record;
  fields[3] = `agent:${context.pseudonymise(fields[3]!).slice(0, 16)}`;
  return { ...record, original: fields.join('|') };
}

/** POST /v1/sources/asterisk/queue-log: queue_log lines as text/plain, one record per line. */
export const asteriskRoute: SourceRoute = {
  url: '/v1/sources/asterisk/queue-log',
  name: 'asterisk',
  source: { system: 'telephony', vendor: 'asterisk' },
  async translate(body, context, contentType, limits) {
    if (contentType !== 'text/plain') throw new BodyError('queue_log lines must be sent as text/plain');
    if (body.trim() === '') throw new BodyError('body is empty');
    checkRecordCount(countLines(body), limits);
    const options = queueLogOptionsSchema.safeParse(context.settings?.asterisk ?? {});
    if (!options.success)
      throw new Error(`asterisk settings of ${context.tenant} are invalid: ${options.error.message}`);
    return translateQueueLog(body, context, options.data).map((r) => withAgentHidden(r, context));
  },
  // time|callid|queue|agent|event, the agent already hidden; the data fields after them hold
  // caller ids and free text in forms no pattern can know, so only their number is kept.
  deadLetterFields(original) {
    if (typeof original !== 'string') return undefined;
    const fields = original.split('|', 6);
    const [time, call_id, queue, agent, event] = fields;
    const dataFields = fields.length > 5 ? original.split('|').length - 5 : 0;
    return { time, call_id, queue, agent, event, data_fields: dataFields };
  },
};
