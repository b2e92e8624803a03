import type { AlertWebhookPayload } from '@stuurwiel/schemas';
import { z } from 'zod';
import type { Notification, Receiver } from '../model.js';
import { RECEIVER_NAME, type ReceiverKind } from './kind.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

export interface WebhookOptions {
  name: string;
  url: string;
  /** The HMAC secret itself (read from the environment variable the receivers file names). */
  secret: string;
  timeoutMs: number;
  /** Wall-clock milliseconds for the signature's timestamp (never the demo clock: replay checks use real time). */
  now?: () => number;
}

/** A non-2xx answer from a webhook, with its status for the retry stage's log. */
export class WebhookError extends Error {
  constructor(
    readonly receiver: string,
    readonly status: number,
    detail: string,
  ) {
    super(`webhook ${receiver} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'WebhookError';
  }
}

/** The body a notification is sent as (schemas' alertWebhookPayload, version 1). */
export function webhookPayload(n: Notification): AlertWebhookPayload {
  return {
    version: 1,
    notification_id: n.notification_id,
    tenant: n.tenant,
    group_key: n.group_key,
    group_labels: { ...n.group_labels },
    receiver: n.receiver,
    reason: n.reason,
    created_at: n.created_at,
    alerts: [...n.alerts],
  };
}

/**
 * POSTs each notification as signed JSON. Throws on a network error, a timeout or a non-2xx
 * answer; retrying is the retry stage's job, so this sends exactly once per call.
 */
export function webhookReceiver(options: WebhookOptions): Receiver {
  const now = options.now ?? Date.now;
  return {
    name: options.name,
    type: 'webhook',
    async send(notification, signal) {
      const body = JSON.stringify(webhookPayload(notification));
      const timestamp = Math.floor(now() / 1000);
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'stuurwiel-alerting/1',
          [SIGNATURE_HEADER]: signatureHeader(options.secret, body, timestamp),
          'Idempotency-Key': notification.notification_id,
        },
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]),
        redirect: 'error',
      });
      // Read the body either way, so the connection can be reused; keep a little for the error.
      const text = await response.text().catch(() => '');
      if (!response.ok) throw new WebhookError(options.name, response.status, text.slice(0, 200));
    },
  };
}

const envName = /^[A-Z_][A-Z0-9_]*$/;

export const webhookConfig = z.strictObject({
  type: z.literal('webhook'),
  name: z.string().regex(RECEIVER_NAME, { error: 'must be lower case letters, digits, - or _' }),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secret_env: z
    .string()
    .regex(envName, { error: 'must name an environment variable, such as ALERTING_WEBHOOK_SECRET' })
    .describe('Environment variable holding the HMAC secret (secrets never stand in files).'),
  timeout_ms: z.number().int().min(100).max(60_000).default(5000),
});
export type WebhookConfig = z.output<typeof webhookConfig>;

/** Secrets shorter than this are refused: a guessable secret signs nothing. */
const MIN_SECRET_LENGTH = 16;

export const webhookKind: ReceiverKind<WebhookConfig> = {
  type: 'webhook',
  config: webhookConfig,
  create(config, { env }) {
    const secret = env[config.secret_env];
    if (!secret) throw new Error(`secret_env: environment variable ${config.secret_env} is not set`);
    if (secret.length < MIN_SECRET_LENGTH)
      throw new Error(
        `secret_env: environment variable ${config.secret_env} must hold at least ${MIN_SECRET_LENGTH} characters`,
      );
    return webhookReceiver({ name: config.name, url: config.url, secret, timeoutMs: config.timeout_ms });
  },
};
