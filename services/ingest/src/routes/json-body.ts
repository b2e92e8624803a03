import { whereJsonFails } from '../pipeline/json-error.js';
import { bodyShape, MAX_JSON_DEPTH, type ShapeOptions } from './body-shape.js';
import { BodyError, type BodyLimits, TooManyRecordsError, TooManyValuesError } from './source-route.js';

/**
 * Refuses a body nested deeper than MAX_JSON_DEPTH (400), with too many records or with too many
 * JSON values (413), all read before the body is parsed.
 */
export function checkBodyShape(
  body: string,
  limits: BodyLimits,
  options: Pick<ShapeOptions, 'ndjson' | 'recordsKey'> = {},
): void {
  const shape = bodyShape(body, { ...options, maxRecords: limits.maxRecords, maxValues: limits.maxValues });
  checkRecordCount(shape.records, limits);
  if (shape.values > limits.maxValues) throw new TooManyValuesError(limits.maxValues);
  if (shape.depth > MAX_JSON_DEPTH) {
    throw new BodyError(`body is nested ${shape.depth} levels deep; at most ${MAX_JSON_DEPTH} allowed`);
  }
}

export function checkRecordCount(records: number, limits: BodyLimits): void {
  if (records > limits.maxRecords) throw new TooManyRecordsError(records, limits.maxRecords);
}

/** The body as JSON, or a 400 that says why not; its shape is checked before it is parsed. */
export function parseJsonBody(body: string, limits: BodyLimits, recordsKey?: string): unknown {
  if (!/\S/.test(body)) throw new BodyError('body is empty');
  checkBodyShape(body, limits, recordsKey === undefined ? {} : { recordsKey });
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new BodyError(`body is not valid JSON${whereJsonFails(error, body)}`);
  }
}
