import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SCENARIO_NAMES, scenarioName } from './scenarios.js';

const DURATION_UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90m", "8h", "2d" → milliseconds of simulated time. */
const duration = z
  .string()
  .regex(/^\d+(\.\d+)?[mhd]$/, { error: 'must be a number with m, h or d, such as 90m, 8h or 2d' })
  .transform(
    (text) => Number(text.slice(0, -1)) * DURATION_UNITS[text.slice(-1) as keyof typeof DURATION_UNITS],
  );

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be 1–65535' })
  .max(65_535, { error: 'must be 1–65535' });

const scenarios = z
  .array(z.string())
  .default([])
  .transform((list) =>
    list
      .flatMap((item) => item.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .transform((list) => (list.includes('all') ? [...SCENARIO_NAMES] : list))
  .pipe(z.array(scenarioName));

export const runOptions = z.strictObject({
  ingestUrl: httpUrl,
  secrets: z.string({ error: 'is required (the file `credentials` writes)' }).min(1),
  municipality: z.array(z.string().min(1)).default([]),
  speed: z.coerce
    .number({ error: 'must be a number' })
    .positive({ error: 'must be above 0' })
    .max(3600, { error: 'must be at most 3600' })
    .optional(),
  start: z.iso
    .datetime({ offset: true, error: 'must be an ISO instant such as 2026-03-02T07:00:00+01:00' })
    .optional(),
  scenario: scenarios,
  duration: duration.optional(),
  zgwPort: port.default(8790),
  workDir: z.string().min(1).default('.cache/simulator'),
});
export type RunOptions = z.output<typeof runOptions>;

export const credentialsOptions = z.strictObject({
  zgwUrl: httpUrl.default('http://127.0.0.1:8790'),
  municipality: z.array(z.string().min(1)).default([]),
  outCredentials: z.string({ error: 'is required (ingest reads it as INGEST_CREDENTIALS_FILE)' }).min(1),
  outSecrets: z.string({ error: 'is required (the simulator reads it with --secrets)' }).min(1),
});
export type CredentialsOptions = z.output<typeof credentialsOptions>;

const FLAGS = {
  'ingest-url': { type: 'string' },
  secrets: { type: 'string' },
  municipality: { type: 'string', multiple: true },
  speed: { type: 'string' },
  start: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  duration: { type: 'string' },
  'zgw-port': { type: 'string' },
  'work-dir': { type: 'string' },
  'zgw-url': { type: 'string' },
  'out-credentials': { type: 'string' },
  'out-secrets': { type: 'string' },
} as const;

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Parses flags against a schema; every problem names its flag. */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  args: string[],
): { ok: true; options: z.output<S> } | { ok: false; message: string } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: FLAGS, allowPositionals: false, strict: true }).values;
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const input = Object.fromEntries(Object.entries(values).map(([flag, value]) => [camel(flag), value]));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: parsed.error.issues
        .map((i) => {
          const key = String(i.path[0] ?? '');
          return i.code === 'unrecognized_keys'
            ? `${i.keys.map((k) => `--${kebab(k)}`).join(', ')}: not an option of this command`
            : `--${kebab(key)}: ${i.message}`;
        })
        .join('\n'),
    };
  }
  return { ok: true, options: parsed.data };
}
