import { BodyError } from './source-route.js';

/** The body as JSON, or a 400 that says why not. */
export function parseJsonBody(body: string): unknown {
  if (body.trim() === '') throw new BodyError('body is empty');
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new BodyError(`body is not valid JSON: ${(error as Error).message}`);
  }
}
