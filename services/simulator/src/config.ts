import { readFile } from 'node:fs/promises';
import {
  entityId,
  label,
  province,
  referenceClosingDayPayload,
  referenceNormPayload,
  referenceOpeningHoursPayload,
  sizeClass,
  tenantCode,
  weekday,
} from '@stuurwiel/schemas';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * A simulated municipality, as a readable YAML (or JSON) file: what it is (reference data) and
 * how busy it is (the generator's parameters). Figures follow the domain guide's fair values.
 */

const share = z.number().min(0).max(1);
const positive = z.number().positive();

/** Median and 90th percentile of a skewed duration (log-normal). */
const duration = z
  .strictObject({ median: positive, p90: positive })
  .refine((d) => d.p90 > d.median, { path: ['p90'], message: 'must be above the median' });

/** Opening periods per weekday, local time, as reference.opening_hours has them; a day left out is closed. */
const week = referenceOpeningHoursPayload.shape.week;

/** Relative weight per hour of the day (key "9" = 09:00–10:00); hours left out weigh 0. */
const hourShape = z.record(
  z.string().regex(/^([0-9]|1[0-9]|2[0-3])$/, 'must be an hour 0–23'),
  z.number().min(0),
);

/** How arrivals vary: per weekday (1 = an average weekday) and per month (1 = an average month). */
const pattern = z.strictObject({
  hours: hourShape,
  weekdays: z.partialRecord(weekday, z.number().min(0)).default({}),
  months: z.array(z.number().min(0)).length(12).optional(),
});

const product = z.strictObject({
  id: entityId,
  name: label,
  /** Relative share of counter visits. */
  weight: positive,
  service_minutes: duration,
});

const counterQueue = z.strictObject({
  id: entityId,
  name: label,
  products: z.array(entityId).min(1),
});

const location = z.strictObject({
  id: entityId,
  name: label,
  area: label.optional(),
  /** Share of the municipality's counter visits that come here. */
  share: positive,
  desks: z.number().int().min(1).max(60),
  opening_hours: week,
  queues: z.array(counterQueue).min(1),
});

const phoneQueue = z.strictObject({
  id: entityId,
  name: label,
  /** The Asterisk queue name in queue_log; the queue id in stuurwiel is the same. */
  agents: z.number().int().min(1).max(200),
  /** Share of the calls that choose this queue in the menu. */
  share: positive,
  /** The menu key that leads here. */
  key: z.string().regex(/^[0-9*#]$/, 'must be one menu key'),
});

const phone = z.strictObject({
  /** The number callers dial (the 14+ number, e.g. 14038). */
  line: z.string().min(1).max(32),
  calls_per_weekday: positive,
  opening_hours: week,
  pattern,
  menu: z.strictObject({ name: z.string().min(1), seconds: duration, abandon_share: share }),
  queues: z.array(phoneQueue).min(1),
  talk_seconds: duration,
  /** Seconds between calls an agent needs for after-call work. */
  wrap_up_seconds: positive,
  /** Mean time a caller waits in the queue before hanging up. */
  patience_seconds: positive,
  /** After this wait the caller is offered a callback (key 1); this share accepts. */
  callback: z.strictObject({ offer_after_seconds: positive, accept_share: share }),
  /** Share of calls from a caller who called before (call ratio). */
  repeat_caller_share: share,
});

const caseType = z.strictObject({
  id: entityId,
  name: label,
  /** ISO-8601 durations in calendar days, as the Catalogi API gives them (P8W, P56D). */
  doorlooptijd: z.string().regex(/^P(\d+W|\d+D)$/, 'must be P<n>D or P<n>W'),
  servicenorm: z
    .string()
    .regex(/^P(\d+W|\d+D)$/, 'must be P<n>D or P<n>W')
    .optional(),
  extension_allowed: z.boolean().default(false),
  /** New cases per working day. */
  per_weekday: positive,
  /** Cases the team closes per working day at full strength. */
  closed_per_weekday: positive,
  /** Open cases already there when the simulation starts, of ages spread over the norm. */
  initial_backlog: z.number().int().min(0),
  /** Share of new cases suspended for a while (applicant asked to complete). */
  suspend_share: share.default(0),
  team: entityId,
});

const survey = z.strictObject({
  scale: z.strictObject({ min: z.literal([0, 1]), max: z.literal([5, 10]) }),
  /** Share of counter visits and answered calls that answer the survey. */
  response_share: z.strictObject({ counter: share, phone: share }),
  /** Share of answers with a comment. */
  comment_share: share,
});

export const municipalityConfig = z.strictObject({
  tenant: tenantCode,
  name: label,
  population: z.number().int().positive(),
  province,
  size_class: sizeClass,
  /** Seed of the generator: the same seed gives the same days. */
  seed: z.number().int().nonnegative(),
  closing_days: z.array(referenceClosingDayPayload).default([]),
  counter: z.strictObject({
    visits_per_weekday: positive,
    pattern,
    appointment_share: share,
    /** Share of appointment visitors who do not come to the desk when called. */
    no_show_share: share,
    /** Share of visits transferred to another queue of the location after the first desk. */
    transfer_share: share.default(0),
    products: z.array(product).min(1),
  }),
  locations: z.array(location).min(1),
  phone,
  cases: z.strictObject({
    /** When the case teams work, local time. */
    office_hours: week,
    types: z.array(caseType).min(1),
  }),
  survey,
  /** Service norms as reference.norm payloads. */
  norms: z.array(referenceNormPayload).min(1),
  /** Share of each source's records sent malformed, so that the dead-letter path shows. */
  bad_record_share: share.default(0.01),
});
export type MunicipalityConfig = z.output<typeof municipalityConfig>;
export type Pattern = z.output<typeof pattern>;
export type Week = MunicipalityConfig['phone']['opening_hours'];

/** A configuration's problems, one line each with its path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates a parsed configuration and checks what zod alone cannot (references between lists). */
export function parseMunicipality(input: unknown, origin = 'configuration'): MunicipalityConfig {
  const parsed = municipalityConfig.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${origin} is invalid:\n  ${lines.join('\n  ')}`);
  }
  const config = parsed.data;
  const problems: string[] = [];
  const products = new Set(config.counter.products.map((p) => p.id));
  for (const [l, loc] of config.locations.entries()) {
    for (const [i, queue] of loc.queues.entries()) {
      for (const [j, p] of queue.products.entries()) {
        if (!products.has(p))
          problems.push(`locations.${l}.queues.${i}.products.${j}: unknown product '${p}'`);
      }
    }
  }
  const keys = new Set<string>();
  config.phone.queues.forEach((q, i) => {
    if (keys.has(q.key)) problems.push(`phone.queues.${i}.key: key '${q.key}' is used twice`);
    keys.add(q.key);
  });
  for (const [name, ids] of [
    ['locations', config.locations.map((l) => l.id)],
    ['counter.products', [...products]],
    ['cases.types', config.cases.types.map((t) => t.id)],
  ] as const) {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) problems.push(`${name}.${i}.id: '${id}' is used twice`);
      seen.add(id);
    });
  }
  if (problems.length > 0) throw new ConfigError(`${origin} is invalid:\n  ${problems.join('\n  ')}`);
  return config;
}

/** Reads a municipality from a .yaml, .yml or .json file. */
export async function loadMunicipality(path: string): Promise<MunicipalityConfig> {
  const text = await readFile(path, 'utf8');
  let input: unknown;
  try {
    input = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${path} cannot be read: ${(error as Error).message}`);
  }
  return parseMunicipality(input, path);
}

/** The three municipalities that ship with the simulator. */
export const BUNDLED_MUNICIPALITIES = ['zuiderstad', 'hoogmeer', 'oosterwaarde'] as const;

export function bundledPath(name: string): string {
  return new URL(`../municipalities/${name}.yaml`, import.meta.url).pathname;
}
