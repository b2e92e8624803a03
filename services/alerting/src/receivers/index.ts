import type { Receiver } from '../model.js';
import { emailKind } from './email.js';
import type { ReceiverContext, ReceiverKind } from './kind.js';
import { webhookKind } from './webhook.js';

/** Every receiver kind, by type. A new kind is a module in this folder and one entry here. */
export const RECEIVER_KINDS = [webhookKind, emailKind] as const;

export type ReceiverConfig = Parameters<(typeof RECEIVER_KINDS)[number]['create']>[0];

const byType = new Map<string, ReceiverKind>(
  RECEIVER_KINDS.map((k) => [k.type, k as unknown as ReceiverKind]),
);

/**
 * Builds the receivers a (validated) receivers file names, by name. Throws one error naming every
 * receiver that cannot be built and why (a missing secret, a missing SMTP URL).
 */
export function createReceivers(
  configs: readonly ReceiverConfig[],
  context: ReceiverContext,
): ReadonlyMap<string, Receiver> {
  const receivers = new Map<string, Receiver>();
  const problems: string[] = [];
  configs.forEach((config, i) => {
    const kind = byType.get(config.type);
    try {
      if (!kind) throw new Error(`type: unknown receiver type '${config.type}'`);
      receivers.set(config.name, kind.create(config, context));
    } catch (error) {
      problems.push(`receivers[${i}] (${config.name}): ${(error as Error).message}`);
    }
  });
  if (problems.length) throw new Error(`Cannot build the receivers:\n${problems.join('\n')}`);
  return receivers;
}

export { type EmailConfig, emailKind, emailReceiver, messageId, SMTP_URL_ENV } from './email.js';
export { type EmailBody, emailBody } from './email-body.js';
export type { ReceiverContext, ReceiverKind } from './kind.js';
export { SIGNATURE_HEADER, type SignatureCheck, signatureHeader, verifySignature } from './signature.js';
export { type WebhookConfig, WebhookError, webhookKind, webhookPayload, webhookReceiver } from './webhook.js';
