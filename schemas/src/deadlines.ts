import { z } from 'zod';
import { tenantCode } from './envelope.js';
import { entityId, norm, timestamp } from './values.js';

/**
 * Deadline items, as the aggregator publishes them on the compacted topic `deadlines.v1`: one
 * message per open item that has a deadline (key: deadlineItemKey), a tombstone (null value) when
 * the item closes. The aggregator is the one place that counts working days (Algemene
 * termijnenwet, the municipality's closing days, suspension, extension); readers such as alerting
 * and the gateway only compare the instants here with their clock.
 *
 * Why a topic and not the ClickHouse facts: facts exist only for finished items, while alerting
 * needs the open ones as they change, restored in full after a restart (compaction keeps the
 * latest per item) and without polling a database every few seconds.
 *
 * The aggregator republishes an item whenever it changes and once a day after midnight
 * (Europe/Amsterdam), so that `working_days_left` and `status` as of `as_of` stay current for
 * screens; `at_risk_from` and `due_at` let a reader see the change at the exact instant.
 */

export const deadlineItemKind = z
  .enum(['case', 'callback', 'written_answer', 'written_acknowledge'])
  .describe(
    'case: a zaak against its service norm (else the legal term); callback: a callback request ' +
      'against its promise; written_answer / written_acknowledge: an e-mail, letter or web form ' +
      'against the answer or acknowledge norm.',
  );
export type DeadlineItemKind = z.infer<typeof deadlineItemKind>;

export const deadlineStatus = z
  .enum(['on_track', 'at_risk', 'overdue', 'suspended'])
  .describe('Status as of as_of (domain.md: at risk, overdue; suspended cases are counted apart).');

export const deadlineHorizon = z
  .union([norm, z.strictObject({ share_of_norm: z.number().gt(0).max(1) })])
  .describe('The warning horizon: a norm such as 2 working days, or a share of the norm left.');

export const deadlineItem = z.strictObject({
  spec_version: z.literal(1),
  tenant: tenantCode,
  kind: deadlineItemKind,
  item_id: entityId.describe('Case id, callback id or written contact id.'),
  team: entityId.nullable().describe('Team that handles the item; null when the source names none.'),
  case_type: entityId.nullable().describe('Case type of a case; null for other kinds.'),
  queue: entityId.nullable().describe('Queue of a callback (callbacks carry no team); null otherwise.'),
  channel: entityId.nullable().describe('Channel of a written contact; null otherwise.'),
  opened_at: timestamp.describe('When the item started (case start date at 00:00, request, receipt).'),
  due_at: timestamp.describe(
    'The deadline that counts: for day norms the end of the due day, 23:59:59 Europe/Amsterdam (as ' +
      'domain.md counts it); overdue once the clock is past it.',
  ),
  due_date: z.iso.date().describe('The due day (Europe/Amsterdam).'),
  legal_due_at: timestamp
    .nullable()
    .describe('End of the legal term of a case (Algemene termijnenwet calendar); null for other kinds.'),
  at_risk_from: timestamp
    .nullable()
    .describe(
      'First instant the item is at risk by its warning horizon (the start of a day for day-based ' +
        'horizons); null while suspended (its deadline is frozen).',
    ),
  suspended: z.boolean().describe('Suspended (Awb 4:15): never at risk; its days left are frozen.'),
  status: deadlineStatus,
  working_days_left: z
    .number()
    .int()
    .describe(
      'Working days after as_of’s day up to and including the due date (0 on the due day, negative ' +
        'once past), on the calendar of the norm.',
    ),
  norm: norm.describe('The norm the deadline counts by (service norm, else legal term; callback promise).'),
  horizon: deadlineHorizon,
  as_of: timestamp.describe('The instant status and working_days_left describe (the aggregator clock).'),
});
export type DeadlineItem = z.infer<typeof deadlineItem>;

/** Compaction key of a deadline item. */
export function deadlineItemKey(item: { tenant: string; kind: DeadlineItemKind; item_id: string }): string {
  return `${item.tenant}|${item.kind}|${item.item_id}`;
}

/** `deadlineItemKey` read back: tenant, kind and id of a tombstone's key; null for a foreign key. */
export function parseDeadlineItemKey(
  key: string,
): { tenant: string; kind: DeadlineItemKind; item_id: string } | null {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  if (first < 0 || second < 0) return null;
  const kind = deadlineItemKind.safeParse(key.slice(first + 1, second));
  if (!kind.success) return null;
  return { tenant: key.slice(0, first), kind: kind.data, item_id: key.slice(second + 1) };
}
