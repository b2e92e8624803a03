import { queueLogOptionsSchema, translateQueueLog } from '../adapters/asterisk/index.js';
import type { AdapterContext, TranslatedRecord } from '../adapters/types.js';
import { BodyError, type SourceRoute } from './source-route.js';

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
  async translate(body, context, contentType) {
    if (contentType !== 'text/plain') throw new BodyError('queue_log lines must be sent as text/plain');
    if (body.trim() === '') throw new BodyError('body is empty');
    const options = queueLogOptionsSchema.safeParse(context.settings?.asterisk ?? {});
    if (!options.success)
      throw new Error(`asterisk settings of ${context.tenant} are invalid: ${options.error.message}`);
    return translateQueueLog(body, context, options.data).map((r) => withAgentHidden(r, context));
  },
};
