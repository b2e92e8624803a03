import type { CanonicalEvent, EventOf } from '@stuurwiel/schemas';
import type { SurveyComment, SurveyFact } from '../facts/types.js';
import { toUtc } from '../time/instants.js';
import { BoundedSet, DEFAULT_FINISHED_MEMORY, finishedKey } from './common.js';

/**
 * Survey responses (KTO): each response is complete in one event, so the "state" is only the
 * memory of responses seen, to drop redeliveries (by response id, not event id: a re-sent
 * response from the survey tool gets a new event id). The facts tables are keyed by response
 * id too, so a response older than the memory replaces its row rather than adding one.
 *
 * The free-text answer never enters the fact: it is content (domain.md, privacy) and goes to
 * its own table with its own retention, after a last redaction of obvious personal data in case
 * the source did not redact it.
 */

export interface SurveyOutput {
  facts: SurveyFact[];
  comments: SurveyComment[];
}

export interface SurveyStoreSnapshot {
  version: 1;
  seen: string[];
}

export interface SurveyStore {
  /** Applies one event; a new `survey.responded` gives its fact and, if any, its comment. */
  apply(event: CanonicalEvent): SurveyOutput;
  snapshot(): SurveyStoreSnapshot;
  restore(snapshot: SurveyStoreSnapshot): void;
}

export interface SurveyStoreOptions {
  /** Response keys remembered to drop redeliveries (default 100 000). */
  seenMemory?: number;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b/gi;
// Phone numbers, BSNs and the like: runs of at least 9 digits, possibly split by spaces, dots or dashes.
const LONG_NUMBER = /\+?\d(?:[\s.-]?\d){8,}/g;

/** Replaces e-mail addresses, IBANs and long digit runs (phone, BSN) with placeholders. */
export function redactComment(text: string): string {
  return text.replace(EMAIL, '[e-mail]').replace(IBAN, '[iban]').replace(LONG_NUMBER, '[nummer]');
}

/**
 * Satisfied / dissatisfied on any scale, compared in integers of the scale so that a score
 * exactly at the border (4 of 1–5 is 0.75) is never lost to floating point.
 */
export function satisfaction(score: number, min: number, max: number) {
  const span = max - min;
  const above = score - min;
  return { satisfied: 4 * above >= 3 * span, dissatisfied: 4 * above < span };
}

export function createSurveyStore(options: SurveyStoreOptions = {}): SurveyStore {
  const seen = new BoundedSet(options.seenMemory ?? DEFAULT_FINISHED_MEMORY);

  function respond(event: EventOf<'survey.responded'>): SurveyOutput {
    const p = event.payload;
    const key = finishedKey(event.tenant, 'survey', p.response_id);
    if (seen.has(key)) return { facts: [], comments: [] };
    seen.add(key);
    const common = {
      tenant: event.tenant,
      response_id: p.response_id,
      occurred_at: toUtc(event.occurred_at),
      channel: p.channel,
      product_id: p.product_id ?? null,
      location_id: p.location_id ?? null,
      team_id: p.team_id ?? null,
    };
    const fact: SurveyFact = {
      ...common,
      score: p.score,
      scale_min: p.scale.min,
      scale_max: p.scale.max,
      ...satisfaction(p.score, p.scale.min, p.scale.max),
    };
    const text = p.comment === undefined ? '' : redactComment(p.comment).trim();
    return { facts: [fact], comments: text === '' ? [] : [{ ...common, comment: text }] };
  }

  return {
    apply(event) {
      return event.type === 'survey.responded' ? respond(event) : { facts: [], comments: [] };
    },
    snapshot() {
      return { version: 1, seen: seen.values() };
    },
    restore(snapshot) {
      if (snapshot.version !== 1)
        throw new Error(`unsupported survey snapshot version ${String(snapshot.version)}`);
      seen.replace(snapshot.seen);
    },
  };
}
