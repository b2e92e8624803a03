import { csvImportBody, translateCsvRows } from '../adapters/csv/index.js';
import { translateQmaticEvents } from '../adapters/qmatic/index.js';
import { translateSurveyResponses } from '../adapters/survey/index.js';
import { parseJsonBody } from './json-body.js';
import { BodyError, type SourceRoute } from './source-route.js';

/** POST /v1/sources/qmatic/events: Qmatic visit events, one object or an array. */
export const qmaticRoute: SourceRoute = {
  url: '/v1/sources/qmatic/events',
  name: 'qmatic',
  source: { system: 'queue_management', vendor: 'qmatic' },
  async translate(body, context) {
    return translateQmaticEvents(parseJsonBody(body), context);
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
  async translate(body, context) {
    const parsed = csvImportBody.safeParse(parseJsonBody(body));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BodyError(issue.message, issue.path.map(String).join('.'));
    }
    return translateCsvRows(parsed.data, context);
  },
};

/** POST /v1/sources/survey: survey (KTO) responses, one object or an array. */
export const surveyRoute: SourceRoute = {
  url: '/v1/sources/survey',
  name: 'survey',
  source: { system: 'survey', vendor: 'kto' },
  async translate(body, context) {
    return translateSurveyResponses(parseJsonBody(body), context);
  },
};
