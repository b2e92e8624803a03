import {
  type CanonicalEvent,
  type DeadLetter,
  type ValidationError,
  validateEvent,
} from '@stuurwiel/schemas';
import type { TranslatedRecord } from '../adapters/types.js';
import { isKeyedHash, personKeys } from '../privacy/person-keys.js';
import { findPersonalData, redactDeep } from '../privacy/personal-data.js';

export interface SourceTag {
  system: DeadLetter['source']['system'];
  vendor: string;
}

export interface Rejection {
  index: number;
  path: string;
  reason: string;
}

export interface Verdict {
  events: CanonicalEvent[];
  deadLetters: DeadLetter[];
  rejected: Rejection[];
  /** Records that translated to events, all of them valid. */
  acceptedRecords: number;
  ignored: number;
  /** Indexes of records whose events claim another tenant than the key's. */
  foreignTenant: number[];
  /** Reason codes of rejected records, for metrics. */
  reasonCodes: string[];
}

export interface JudgeOptions {
  tenant: string;
  source: SourceTag;
  now: Date;
  maxFutureSeconds: number;
  /** Events older than this are refused: a bogus clock must not open a partition of its own. */
  maxAgeSeconds: number;
  /** What a rejected record's dead letter holds of it (default: the original, redacted). */
  deadLetterOriginal?: (original: unknown, received: unknown) => unknown;
}

function reasonCode(errors: ValidationError[]): string {
  const first = errors[0];
  if (!first) return 'unknown';
  if (first.reason.startsWith('contains')) return 'personal_data';
  if (first.path === 'occurred_at' && first.reason.includes('future')) return 'future_timestamp';
  if (first.path === 'occurred_at' && first.reason.includes('ago')) return 'old_timestamp';
  if (first.reason.startsWith('must be a keyed hash')) return 'personal_data';
  if (first.path === 'type') return 'unknown_type';
  return first.path.startsWith('payload') ? 'invalid_payload' : 'invalid_field';
}

/** Checks one translated event beyond its schema: tenant, clock, privacy. */
function eventProblems(event: CanonicalEvent, options: JudgeOptions): ValidationError[] {
  const problems: ValidationError[] = [];
  const ahead = (Date.parse(event.occurred_at) - options.now.getTime()) / 1000;
  if (ahead > options.maxFutureSeconds) {
    problems.push({
      path: 'occurred_at',
      reason: `lies ${Math.round(ahead)} s in the future (at most ${options.maxFutureSeconds} s allowed)`,
    });
  }
  if (-ahead > options.maxAgeSeconds) {
    problems.push({
      path: 'occurred_at',
      reason: `lies ${Math.round(-ahead / 86_400)} days ago (at most ${Math.round(options.maxAgeSeconds / 86_400)} days allowed)`,
    });
  }
  for (const [path, value] of personKeys(event.payload)) {
    if (!isKeyedHash(value)) {
      problems.push({
        path: `payload.${path}`,
        reason:
          'must be a keyed hash of 16 to 128 hex characters with at least one of a-f (or 64 digits), never a name, number or employee id',
      });
    }
  }
  for (const finding of findPersonalData(event)) {
    problems.push({
      path: finding.path,
      reason: `contains a clear ${finding.kind}; send a keyed hash or leave it out`,
    });
  }
  return problems;
}

// Canonical input names its own vendor; keep it so the supplier finds its rejects.
function deadLetterSource(source: SourceTag, original: unknown): SourceTag {
  if (source.system !== 'canonical') return source;
  const vendor = (original as { source?: { vendor?: unknown } } | null)?.source?.vendor;
  return typeof vendor === 'string' && vendor.length > 0 && vendor.length <= 64
    ? { ...source, vendor }
    : source;
}

/**
 * Decides per record: all its events valid → accepted; any problem → the record is rejected
 * whole, reported with each problem, and dead-lettered with what was received.
 */
export function judge(records: readonly TranslatedRecord[], options: JudgeOptions): Verdict {
  const verdict: Verdict = {
    events: [],
    deadLetters: [],
    rejected: [],
    acceptedRecords: 0,
    ignored: 0,
    foreignTenant: [],
    reasonCodes: [],
  };
  const receivedAt = options.now.toISOString();
  for (const record of records) {
    if (record.ignored && record.errors.length === 0) {
      verdict.ignored++;
      continue;
    }
    const errors: ValidationError[] = [...record.errors];
    const events: CanonicalEvent[] = [];
    let claimedTenant: string | undefined;
    for (const [n, candidate] of record.events.entries()) {
      const prefix = record.events.length > 1 ? `events.${n}.` : '';
      const result = validateEvent(candidate);
      if (!result.ok) {
        errors.push(...result.errors.map((e) => ({ path: `${prefix}${e.path}`, reason: e.reason })));
        continue;
      }
      claimedTenant = result.event.tenant;
      if (result.event.tenant !== options.tenant) {
        verdict.foreignTenant.push(record.index);
        continue;
      }
      const problems = eventProblems(result.event, options);
      if (problems.length > 0) {
        errors.push(...problems.map((e) => ({ path: `${prefix}${e.path}`, reason: e.reason })));
        continue;
      }
      events.push(result.event);
    }
    if (errors.length === 0 && verdict.foreignTenant.at(-1) !== record.index) {
      verdict.events.push(...events);
      verdict.acceptedRecords++;
      continue;
    }
    if (errors.length === 0) continue;
    verdict.rejected.push(...errors.map((e) => ({ index: record.index, path: e.path, reason: e.reason })));
    verdict.reasonCodes.push(reasonCode(errors));
    verdict.deadLetters.push({
      original: options.deadLetterOriginal
        ? options.deadLetterOriginal(record.original, record.received ?? record.original)
        : redactDeep(record.original),
      source: deadLetterSource(options.source, record.original),
      ...(claimedTenant ? { tenant: claimedTenant } : { tenant: options.tenant }),
      errors,
      received_at: receivedAt,
    });
  }
  return verdict;
}
