import type { z } from 'zod';

// The messages are shared with the web pages, so they live in schemas.
export {
  alertPushMessage,
  type ClientMessage,
  clientMessage,
  errorPushMessage,
  helloMessage,
  PUSH_VERSION,
  removedPushMessage,
  type ServerMessage,
  serverMessage,
  snapshotPushMessage,
  subscribedMessage,
  subscribeMessage,
} from '@stuurwiel/schemas';

/** A zod error as one line: each field with its reason. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}
