import { errorBody as errorBodyShape } from '@stuurwiel/schemas';

/** The body of every error answer (runtime's error handler): a code and a reason for people. */
export const errorBody = errorBodyShape.meta({
  example: { error: 'forbidden', reason: 'role wallscreen may not use this route; it needs manager' },
});

/** An error the one error handler answers with its status and message as `reason`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const forbidden = (reason: string) => new HttpError(403, reason);
export const unauthorized = (reason: string) => new HttpError(401, reason);
