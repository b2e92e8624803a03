import type { z } from 'zod';
import type { Receiver } from '../model.js';

/** What a receiver kind gets besides its own entry of the receivers file. */
export interface ReceiverContext {
  /** Environment for secrets and connection URLs, which never stand in the receivers file. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * One kind of receiver: the schema of its entries in the receivers file and how to build one.
 * Adding a kind is one module here and one line in index.ts.
 */
export interface ReceiverKind<C extends { type: string; name: string } = { type: string; name: string }> {
  readonly type: C['type'];
  /** An object schema with a literal `type`, so the file schema can discriminate on it. */
  readonly config: z.ZodType<C, unknown> & z.core.$ZodTypeDiscriminable;
  /** Builds the receiver; throws a message naming the entry's field or variable when it cannot. */
  create(config: C, context: ReceiverContext): Receiver;
}

/** A receiver's name: also its label in the history and the notification ids. */
export const RECEIVER_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
