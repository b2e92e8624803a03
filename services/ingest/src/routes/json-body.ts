import { bodyShape, MAX_JSON_DEPTH } from './body-shape.js';
import { BodyError, type BodyLimits, TooManyRecordsError } from './source-route.js';

/** Refuses a body nested deeper than MAX_JSON_DEPTH (400) or with too many records (413). */
export function checkBodyShape(body: string, limits: BodyLimits, ndjson = false): void {
  const shape = bodyShape(body, ndjson, limits.maxRecords);
  checkRecordCount(shape.records, limits);
  if (shape.depth > MAX_JSON_DEPTH) {
    throw new BodyError(`body is nested ${shape.depth} levels deep; at most ${MAX_JSON_DEPTH} allowed`);
  }
}

export function checkRecordCount(records: number, limits: BodyLimits): void {
  if (records > limits.maxRecords) throw new TooManyRecordsError(records, limits.maxRecords);
}

/** The body as JSON, or a 400 that says why not; its shape is checked before it is parsed. */
export function parseJsonBody(body: string, limits: BodyLimits): unknown {
  if (!/\S/.test(body)) throw new BodyError('body is empty');
  checkBodyShape(body, limits);
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new BodyError(`body is not valid JSON: ${(error as Error).message}`);
  }
}
