import { z } from 'zod';

/**
 * An error message for a schema that still lets a missing value report as 'required': a schema-level
 * message would otherwise win over the 'required' that validateEvent gives to absent fields.
 */
export const unlessMissing = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? undefined : message;

/** An identifier as the source system knows it (desk number, Open Zaak UUID, Qmatic visit id, ...). */
export const entityId = z.string().min(1).max(128);

/** A display name from reference data; never a person's name. */
export const label = z.string().min(1).max(200);

/** A calendar date without time, as ZGW uses for case start and end dates. */
export const isoDate = z.iso.date({ error: unlessMissing('must be a date as YYYY-MM-DD') });

// Local times are ambiguous around the DST switch and between servers, so an explicit offset is required.
export const timestamp = z.iso
  .datetime({
    offset: true,
    error: unlessMissing('must be an ISO 8601 date-time with offset or Z, e.g. 2026-03-02T09:00:00+01:00'),
  })
  // ClickHouse DateTime holds 1970 to 2106; an instant outside it would fail every insert of its batch.
  .refine(
    (value) => {
      // Not a year at all: the format check above has said so already.
      const year = Number(value.slice(0, 4));
      return !(year < 1970 || year > 2105);
    },
    { error: 'must lie in the years 1970 to 2105' },
  )
  .describe('ISO 8601 date-time with an explicit offset or Z; local times are rejected.');

export const nonNegativeSeconds = z.number().min(0, { error: 'must be a number of seconds ≥ 0' });

export const channel = z
  .enum(['counter', 'phone', 'email', 'post', 'web_form', 'chat', 'video'])
  .describe('Contact channel: counter (balie), phone, email, post, web_form, chat or video.');

export const normUnit = z
  .enum(['seconds', 'minutes', 'hours', 'calendar_days', 'working_days'])
  .describe(
    'Unit of a norm. working_days exclude weekends, the Algemene termijnenwet holidays and the municipality closing days.',
  );

const DAY_UNITS: ReadonlySet<string> = new Set(['calendar_days', 'working_days']);

// Deadlines are counted in whole days (end of day, Europe/Amsterdam); a fractional day has no such end.
export const targetFitsUnit = (n: { target: number; unit: string }): boolean =>
  !DAY_UNITS.has(n.unit) || Number.isInteger(n.target);
export const WHOLE_DAYS_MESSAGE = 'must be a whole number of days';

/** A service norm such as "30 seconds" or "2 working days". */
export const norm = z
  .strictObject({
    target: z
      .number()
      .positive()
      .describe('Amount of `unit`; whole days for calendar_days and working_days.'),
    unit: normUnit,
  })
  .refine(targetFitsUnit, { path: ['target'], message: WHOLE_DAYS_MESSAGE })
  .describe('A norm: a positive target in a unit, e.g. {"target": 2, "unit": "working_days"}.');

/**
 * A pseudonymous key for a person (staff member, caller): a keyed hash (e.g. HMAC-SHA-256 with a
 * per-municipality secret), so the same person is recognised again without being identifiable.
 * At least 16 hex characters, which no phone number in E.164 (at most 15 digits) can be.
 */
export const keyedHash = z
  .string()
  .regex(/^[0-9a-fA-F]{16,128}$/, {
    error: 'must be a keyed hash of 16 to 128 hex characters, never a phone number or name',
  })
  .describe('Keyed hash (e.g. HMAC-SHA-256, hex) with a per-municipality secret; never the value in clear.');

/** A pseudonymous staff key: any stable opaque token, never a name or an employee number in clear. */
export const staffKey = entityId.describe(
  'Pseudonymous, stable key for a staff member (e.g. a keyed hash); never a name or employee number.',
);
