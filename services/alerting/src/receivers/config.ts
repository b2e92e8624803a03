import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { RECEIVER_KINDS, type ReceiverConfig } from './index.js';

type KindConfig = (typeof RECEIVER_KINDS)[number]['config'];

/**
 * The receivers file (JSON): the named places notifications go. Secrets and server URLs are not
 * in it: a webhook names the environment variable with its secret, e-mail uses ALERTING_SMTP_URL.
 *
 *   { "receivers": [
 *       { "type": "webhook", "name": "ops", "url": "https://…", "secret_env": "ALERTING_WEBHOOK_SECRET" },
 *       { "type": "email", "name": "kcc-leads", "to": ["teamleads@…"], "from": "stuurwiel@…" } ] }
 */
export const receiversFile = z
  .strictObject({
    receivers: z
      .array(
        z.discriminatedUnion(
          'type',
          RECEIVER_KINDS.map((k) => k.config) as unknown as [KindConfig, ...KindConfig[]],
          { error: `must be one of ${RECEIVER_KINDS.map((k) => k.type).join(', ')}` },
        ),
      )
      .max(200),
  })
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.receivers.forEach((r, i) => {
      if (seen.has(r.name))
        ctx.issues.push({
          code: 'custom',
          input: r.name,
          path: ['receivers', i, 'name'],
          message: `'${r.name}' is used by an earlier receiver; names must be unique`,
        });
      seen.add(r.name);
    });
  });
export type ReceiversFile = { receivers: ReceiverConfig[] };

/** The environment variables receivers read; the service's config merges these. */
export const receiversEnv = z.object({
  ALERTING_RECEIVERS_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('JSON file naming the webhook and e-mail receivers (no secrets in it); unset: no receivers'),
  ALERTING_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: 'must be an smtp:// or smtps:// URL' })
    .optional()
    .describe('SMTP server for e-mail receivers, e.g. smtps://user:password@mail.example.nl (secret)'),
});

/** A field path as people read it: receivers[1].to[0]. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/** Validates a receivers file's content; the error lists every field that is wrong, and why. */
export function parseReceiversFile(content: unknown, source = 'receivers file'): ReceiversFile {
  const result = receiversFile.safeParse(content);
  if (result.success) return result.data as ReceiversFile;
  const lines = result.error.issues.map(
    (issue) => `  ${fieldPath(issue.path) || '(file)'}: ${issue.message}`,
  );
  throw new Error(`${source} is invalid:\n${lines.join('\n')}`);
}

/** Reads and validates a receivers file. */
export async function loadReceiversFile(path: string): Promise<ReceiversFile> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  return parseReceiversFile(json, path);
}
