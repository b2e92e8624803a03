import { z } from 'zod';
import { csvImportBody, translateCsvRows } from '../adapters/csv/index.js';
import {
  QMATIC_IGNORED_EVENTS,
  QMATIC_VISIT_EVENTS,
  qmaticEvent,
  translateQmaticEvents,
} from '../adapters/qmatic/index.js';
import { surveyDeadLetterFields, translateSurveyResponses } from '../adapters/survey/index.js';
import type { TranslatedRecord } from '../adapters/types.js';
import { pickValid } from '../pipeline/dead-letter.js';
import { parseJsonBody } from './json-body.js';
import { BodyError, type SourceRoute } from './source-route.js';

/**
 * Each record with the item it was translated from (these adapters number records by their
 * position in the body): a dead letter's length and keyed hash are of what was sent, not of the
 * adapter's altered copy (staff names hashed, a comment redacted, cells mapped).
 */
function asReceived(records: TranslatedRecord[], items: readonly unknown[]): TranslatedRecord[] {
  return records.map((record) => ({ ...record, received: items[record.index] }));
}

/** Qmatic's fields with their schemas; an event name only when it is one of Qmatic's. */
const QMATIC_FIELDS = {
  ...qmaticEvent.shape,
  event: z.enum([...QMATIC_VISIT_EVENTS, ...QMATIC_IGNORED_EVENTS]),
};

/** POST /v1/sources/qmatic/events: Qmatic visit events, one object or an array. */
export const qmaticRoute: SourceRoute = {
  url: '/v1/sources/qmatic/events',
  name: 'qmatic',
  source: { system: 'queue_management', vendor: 'qmatic' },
  async translate(body, context, _contentType, limits) {
    const parsed = parseJsonBody(body, limits);
    return asReceived(translateQmaticEvents(parsed, context), Array.isArray(parsed) ? parsed : [parsed]);
  },
  // The fields the adapter reads, each as its schema reads it (services as their ids; staff
  // user names are keyed hashes in the original already); anything else under their name is
  // left out with a marker.
  deadLetterFields: (original) => pickValid(original, QMATIC_FIELDS),
};

/**
 * POST /v1/sources/csv: a batch of rows of a daily export with the mapping that names its
 * columns (what `stuurwiel-ingest import` sends). A body whose mapping or header is unusable is
 * refused whole; a bad row is rejected on its own.
 */
export const csvRoute: SourceRoute = {
  url: '/v1/sources/csv',
  name: 'csv',
  source: { system: 'queue_management', vendor: 'csv-export' },
  async translate(body, context, _contentType, limits) {
    // The rows are counted before the body is parsed.
    const json = parseJsonBody(body, limits, 'rows');
    const parsed = csvImportBody.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BodyError(issue.message, issue.path.map(String).join('.'));
    }
    return asReceived(translateCsvRows(parsed.data, context), parsed.data.rows);
  },
  // The adapter keeps a row's number and its mapped cells, staff already as keyed hashes.
  deadLetterFields: (original) => original,
};

/** POST /v1/sources/survey: survey (KTO) responses, one object or an array. */
export const surveyRoute: SourceRoute = {
  url: '/v1/sources/survey',
  name: 'survey',
  source: { system: 'survey', vendor: 'kto' },
  async translate(body, context, _contentType, limits) {
    const parsed = parseJsonBody(body, limits);
    return asReceived(translateSurveyResponses(parsed, context), Array.isArray(parsed) ? parsed : [parsed]);
  },
  deadLetterFields: surveyDeadLetterFields,
};
