import { sourceQuietRule } from '@stuurwiel/schemas';

/**
 * The norms the wall screen judges its tiles by, in one place. The counter's wait norm and the
 * telephone's answer norm come with every snapshot (the scope's norm, else the tenant's, else the
 * default: kpi.ts); what a snapshot does not carry falls back to the defaults of domain.md and
 * alerting.
 */

/** Service level to reach: alerting's phone rules default to 80 % (domain.md: "80 % within 30 s"). */
export const SERVICE_LEVEL_TARGET = 0.8;

/** A figure at this share of its norm or more is close to breaking it: "let op". */
export const WARN_SHARE = 0.8;

/** Below the service-level target by this much (or more) it is "onder norm", less is "let op". */
export const SERVICE_LEVEL_MARGIN = 0.1;

/**
 * A source that sent nothing for this long is quiet: the least the source_quiet alert rule ever
 * waits (its min_quiet_minutes default), so the screen says so no later than alerting can.
 */
export const QUIET_AFTER_SECONDS = sourceQuietRule.shape.min_quiet_minutes.parse(undefined) * 60;

/**
 * ok: within the norm; warn: close to it; bad: past it; info: a figure without a norm; none: no
 * data to judge.
 */
export type Status = 'ok' | 'warn' | 'bad' | 'info' | 'none';

/** A duration (or count of seconds) against a maximum: past it is bad, from WARN_SHARE of it on, warn. */
export function againstMaximum(value: number | null, norm: number): Status {
  if (value === null) return 'none';
  if (value > norm) return 'bad';
  return value >= WARN_SHARE * norm ? 'warn' : 'ok';
}

/** A share that should reach `target`: under target − SERVICE_LEVEL_MARGIN is bad, under target warn. */
export function againstTarget(value: number | null, target: number): Status {
  if (value === null) return 'none';
  if (value >= target) return 'ok';
  // 1e-9: 0.8 − 0.1 is 0.7000000000000001 in floating point, and 70 % is still "let op".
  return value >= target - SERVICE_LEVEL_MARGIN - 1e-9 ? 'warn' : 'bad';
}

/** A count that should be zero: any is bad. */
export function noneAllowed(value: number): Status {
  return value > 0 ? 'bad' : 'ok';
}

const RANK: Record<Status, number> = { none: 0, info: 1, ok: 2, warn: 3, bad: 4 };

/** The worse of two statuses (a tile judged on two figures). */
export function worse(a: Status, b: Status): Status {
  return RANK[a] >= RANK[b] ? a : b;
}
