import { csvImportBody, translateCsvRows } from '../adapters/csv/index.js';
import { qmaticEvent, translateQmaticEvents } from '../adapters/qmatic/index.js';
import { surveyDeadLetterFields, translateSurveyResponses } from '../adapters/survey/index.js';
import { pick } from '../pipeline/dead-letter.js';
import { checkRecordCount, parseJsonBody } from './json-body.js';
import { BodyError, type SourceRoute } from './source-route.js';

/** POST /v1/sources/qmatic/events: Qmatic visit events, one object or an array. */
export const qmaticRoute: SourceRoute = {
  url: '/v1/sources/qmatic/events',
  name: 'qmatic',
  source: { system: 'queue_management', vendor: 'qmatic' },
  async translate(body, context, _contentType, limits) {
    return translateQmaticEvents(parseJsonBody(body, limits), context);
  },
  // The fields the adapter reads; staff user names are keyed hashes in the original already,
  // anything else under their name (an object, a number) is left out.
  deadLetterFields(original) {
    const fields = pick(original, Object.keys(qmaticEvent.shape));
    for (const staff of ['staffUserName', 'targetStaffUserName']) {
      if (fields && typeof fields[staff] !== 'string') delete fields[staff];
    }
    return fields;
  },
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
    const json = parseJsonBody(body, limits);
    const rows = (json as { rows?: unknown } | null)?.rows;
    if (Array.isArray(rows)) checkRecordCount(rows.length, limits);
    const parsed = csvImportBody.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BodyError(issue.message, issue.path.map(String).join('.'));
    }
    return translateCsvRows(parsed.data, context);
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
    return translateSurveyResponses(parseJsonBody(body, limits), context);
  },
  deadLetterFields: surveyDeadLetterFields,
};
