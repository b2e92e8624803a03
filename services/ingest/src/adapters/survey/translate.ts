import {
  type CanonicalEventInput,
  deriveEventId,
  parseMessages,
  type ValidationError,
} from '@stuurwiel/schemas';
import type { z } from 'zod';
import { isObject } from '../../is-object.js';
import { pickValid } from '../../pipeline/dead-letter.js';
import { cutAt } from '../../privacy/cut.js';
import { redactPersonalData } from '../../privacy/redact.js';
import { type AdapterContext, rejected, type TranslatedRecord } from '../types.js';
import { COMMENT_LIMIT, type SurveyResponse, surveyResponse } from './schema.js';

const DEFAULT_SUPPLIER = 'survey';

/** One error per unknown field, named by its path, instead of zod's one list at the root. */
function issuesToErrors(error: z.ZodError): ValidationError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        reason: 'unknown field; personal data such as names or e-mail addresses may not be sent',
      }));
    }
    return [{ path, reason: issue.message }];
  });
}

// The longest e-mail address; a word cut in two that is longer is no address.
const LONGEST_ADDRESS = 254;

/**
 * The comment as stuurwiel may keep it: cut to the canonical limit before anything looks at it
 * (a word cut in two is dropped, so no half an e-mail address stays behind unrecognised), then
 * with personal data redacted, then within the limit again (a token such as [address] can be
 * longer than what it replaced).
 */
export function cleanComment(comment: string): string | undefined {
  let text = cutAt(comment, COMMENT_LIMIT);
  if (text.length < comment.length && /\S/.test(comment[text.length]!)) {
    let end = text.length;
    while (end > 0 && text.length - end <= LONGEST_ADDRESS && /\S/.test(text[end - 1]!)) end--;
    if (text.length - end <= LONGEST_ADDRESS) text = text.slice(0, end);
  }
  text = cutAt(redactPersonalData(text).trim(), COMMENT_LIMIT);
  return text === '' ? undefined : text;
}

/**
 * What a dead letter keeps of a response: its known fields as their schemas read them, the
 * comment as it would be kept, anything else under their names left out with a marker.
 */
export function surveyDeadLetterFields(original: unknown): unknown {
  const fields = pickValid(original, surveyResponse.shape);
  if (fields && isObject(original) && typeof original.comment === 'string')
    fields.comment = cleanComment(original.comment);
  return fields;
}

/**
 * Translates survey (KTO) responses in stuurwiel's supplier-neutral form (a JSON array, or one
 * object; see schema.ts) into `survey.responded` events, one record per response, index =
 * position in the body. Comments are redacted here, also in the originals kept for dead letters.
 */
export function translateSurveyResponses(body: unknown, ctx: AdapterContext): TranslatedRecord[] {
  const items = Array.isArray(body) ? body : [body];
  return items.map((item, index) => {
    if (!isObject(item)) return rejected(index, item, '', 'must be a JSON object (one survey response)');
    const original =
      typeof item.comment === 'string' ? { ...item, comment: cleanComment(item.comment) } : item;
    const parsed = surveyResponse.safeParse(item, { error: parseMessages });
    if (!parsed.success) return { index, original, events: [], errors: issuesToErrors(parsed.error) };
    const response = parsed.data;
    const { min, max } = response.scale;
    if (response.score < min || response.score > max) {
      return rejected(
        index,
        original,
        'score',
        `must lie within the scale ${min}–${max}, got ${response.score}`,
      );
    }
    return { index, original, events: [toCanonical(response, ctx)], errors: [] };
  });
}

function toCanonical(r: SurveyResponse, ctx: AdapterContext): CanonicalEventInput {
  const vendor = r.supplier ?? DEFAULT_SUPPLIER;
  const comment = r.comment === undefined ? undefined : cleanComment(r.comment);
  return {
    spec_version: 1,
    event_id: deriveEventId(ctx.tenant, vendor, 'survey', r.response_id, 'responded'),
    tenant: ctx.tenant,
    source: { system: 'survey', vendor },
    occurred_at: r.answered_at,
    type: 'survey.responded',
    payload: {
      response_id: r.response_id,
      channel: r.channel,
      ...(r.product === undefined ? {} : { product_id: r.product }),
      ...(r.location === undefined ? {} : { location_id: r.location }),
      ...(r.team === undefined ? {} : { team_id: r.team }),
      score: r.score,
      scale: r.scale,
      ...(comment === undefined ? {} : { comment }),
    },
  };
}
