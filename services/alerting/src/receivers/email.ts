import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Notification, Receiver } from '../model.js';
import { emailBody } from './email-body.js';
import { RECEIVER_NAME, type ReceiverKind } from './kind.js';

/** The environment variable with the SMTP server's URL (smtp:// or smtps://, credentials included). */
export const SMTP_URL_ENV = 'ALERTING_SMTP_URL';

export interface EmailOptions {
  name: string;
  smtpUrl: string;
  to: readonly string[];
  from: string;
  timeoutMs?: number;
}

/**
 * Message-ID from the notification id: a notification sent again after a crash carries the same
 * Message-ID, so mail clients and archives can fold the repeat.
 */
export function messageId(notificationId: string, from: string): string {
  const local = /^[A-Za-z0-9._-]{1,128}$/.test(notificationId)
    ? notificationId
    : createHash('sha256').update(notificationId).digest('hex').slice(0, 32);
  const domain = /@([A-Za-z0-9.-]+)>?$/.exec(from)?.[1] ?? 'stuurwiel.invalid';
  return `<${local}@${domain}>`;
}

/** Sends each notification as one e-mail (Dutch, plain text and HTML) to every address in `to`. */
export function emailReceiver(options: EmailOptions): Receiver {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    name: options.name,
    type: 'email',
    async send(notification: Notification, signal: AbortSignal) {
      signal.throwIfAborted();
      const body = emailBody(notification);
      const sending = transport.sendMail({
        from: options.from,
        to: [...options.to],
        subject: body.subject,
        text: body.text,
        html: body.html,
        messageId: messageId(notification.notification_id, options.from),
        date: new Date(notification.created_at),
        headers: { 'X-Stuurwiel-Notification': notification.notification_id },
      });
      // nodemailer takes no signal: an abort stops the wait (the retry stage moves on), and the
      // transport's own timeouts end the connection.
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        sending.then(
          (info) => {
            signal.removeEventListener('abort', onAbort);
            if (info.rejected.length > 0)
              reject(new Error(`e-mail ${options.name}: refused for ${info.rejected.join(', ')}`));
            else resolve();
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
  };
}

const address = z.email();
const MAILBOX = /^(?:[^<>]*<([^<>]+)>|([^<>]+))$/;

/** `alerts@example.nl` or `Stuurwiel <alerts@example.nl>`. */
const mailbox = z
  .string()
  .max(320)
  .refine(
    (value) => {
      const match = MAILBOX.exec(value.trim());
      return match !== null && address.safeParse(match[1] ?? match[2]).success;
    },
    { error: 'must be an e-mail address, optionally with a name: Stuurwiel <alerts@example.nl>' },
  );

export const emailConfig = z.strictObject({
  type: z.literal('email'),
  name: z.string().regex(RECEIVER_NAME, { error: 'must be lower case letters, digits, - or _' }),
  to: z
    .array(z.email({ error: 'must be an e-mail address' }))
    .min(1)
    .max(50),
  from: mailbox,
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
});
export type EmailConfig = z.output<typeof emailConfig>;

export const emailKind: ReceiverKind<EmailConfig> = {
  type: 'email',
  config: emailConfig,
  create(config, { env }) {
    const smtpUrl = env[SMTP_URL_ENV];
    if (!smtpUrl)
      throw new Error(`environment variable ${SMTP_URL_ENV} is not set (needed by e-mail receivers)`);
    if (!/^smtps?:\/\//.test(smtpUrl))
      throw new Error(`environment variable ${SMTP_URL_ENV} must be an smtp:// or smtps:// URL`);
    return emailReceiver({
      name: config.name,
      smtpUrl,
      to: config.to,
      from: config.from,
      timeoutMs: config.timeout_ms,
    });
  },
};
