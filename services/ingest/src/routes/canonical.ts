import type { TranslatedRecord } from '../adapters/types.js';
import { describeInput } from '../pipeline/dead-letter.js';
import { whereJsonFails } from '../pipeline/json-error.js';
import { checkBodyShape, parseJsonBody } from './json-body.js';
import { BodyError, type SourceRoute } from './source-route.js';

/**
 * POST /v1/events: canonical events as a JSON array, one JSON object, or NDJSON (one event per
 * line; a line that is not JSON is rejected on its own, the others still count).
 */
export const canonicalRoute: SourceRoute = {
  url: '/v1/events',
  name: 'canonical',
  source: { system: 'canonical', vendor: 'unknown' },
  async translate(body, context, contentType, limits) {
    if (!/\S/.test(body)) throw new BodyError('body is empty');
    if (contentType === 'application/x-ndjson') {
      checkBodyShape(body, limits, { ndjson: true });
      const records: TranslatedRecord[] = [];
      body.split('\n').forEach((line, index) => {
        if (line.trim() === '') return;
        try {
          const event = JSON.parse(line);
          records.push({ index, original: event, events: [event], errors: [] });
        } catch (error) {
          records.push({
            index,
            // Like a body that is not JSON: by its length and keyed hash, since nothing in it
            // can be told apart from a name.
            original: describeInput(line, context.fingerprint),
            events: [],
            errors: [{ path: '', reason: `line is not valid JSON${whereJsonFails(error, line)}` }],
          });
        }
      });
      return records;
    }
    const parsed = parseJsonBody(body, limits);
    const items = Array.isArray(parsed) ? parsed : [parsed];
    return items.map((event, index) => ({ index, original: event, events: [event], errors: [] }));
  },
};
