import { randomUUID } from 'node:crypto';
import { epochIso, jsonText, namedQuery, rowLimit, runQuery } from '@stuurwiel/alerting/history';
import { type Db, splitInstant, sql } from '@stuurwiel/clickhouse';
import { entityId, tenantCode, timestamp } from '@stuurwiel/schemas';
import { z } from 'zod';

/** Statements on settings_changes_v1 (migration 0011): the change log of rules, silences, mutes, acknowledgements and norms. */
export const SETTINGS_CHANGES_TABLE = 'settings_changes_v1';

export const SETTING_KINDS = ['rule', 'silence', 'mute', 'acknowledgement', 'norm'] as const;
export const settingKind = z.enum(SETTING_KINDS);
export type SettingKind = z.infer<typeof settingKind>;

export const changeAction = z.enum(['create', 'change', 'delete', 'expire', 'acknowledge']);

/** A JSON value of a setting, or null when there was (or is) none. */
const settingValue = z.record(z.string(), z.unknown()).nullable();

export const settingsChange = z.strictObject({
  tenant: tenantCode,
  kind: settingKind,
  id: z.string().min(1).max(512).describe('rule_id, silence_id, mute_id, the alert fingerprint, or norm_id.'),
  action: changeAction,
  changed_by: z.string().min(1).max(200).describe('Token subject of who made the change.'),
  before: settingValue,
  after: settingValue,
  at: timestamp,
});
export type SettingsChange = z.infer<typeof settingsChange>;

let lastMs = 0;
let sequence = 0;

/**
 * A new change id that sorts after every earlier one of this process: changes made within the
 * same millisecond (of `at`) are ordered by it, so a create and a delete in one millisecond still
 * end deleted. Hex wall-clock milliseconds (never going back), a sequence, then randomness.
 */
export function nextChangeId(): string {
  const ms = Math.max(lastMs, Date.now());
  sequence = ms === lastMs ? sequence + 1 : 0;
  lastMs = ms;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  return `${hex(ms, 12)}-${hex(sequence, 6)}-${randomUUID().slice(0, 8)}`;
}

/** Records one change; recording the same change_id again changes no result of the reads below. */
export async function insertSettingsChange(
  db: Db,
  change: SettingsChange,
  changeId: string = nextChangeId(),
): Promise<void> {
  const c = settingsChange.parse(change);
  const at = splitInstant(c.at);
  await db.insert(SETTINGS_CHANGES_TABLE, [
    {
      tenant: c.tenant,
      kind: c.kind,
      id: c.id,
      change_id: changeId,
      action: c.action,
      changed_by: c.changed_by,
      before: c.before === null ? '' : JSON.stringify(c.before),
      after: c.after === null ? '' : JSON.stringify(c.after),
      at: at.dateTime,
      at_ms: at.ms,
    },
  ]);
}

const jsonOrNone = z.union([z.literal('').transform(() => null), jsonText.pipe(settingValue)]);

/** Each change once, whatever copies a retry left (the table folds them only on merge). */
const ONCE = sql`
  SELECT tenant, kind, id, change_id, any(action) AS action, any(changed_by) AS changed_by,
    any(before) AS before, any(after) AS after, min(toUInt64(at) * 1000 + at_ms) AS changed_ms
  FROM settings_changes_v1`;

const LIST_SETTINGS_CHANGES = namedQuery({
  name: 'listSettingsChanges',
  params: z.strictObject({
    tenant: tenantCode,
    kind: settingKind.optional(),
    id: z.string().min(1).max(512).optional(),
    from: timestamp.optional().describe('Changes at or after this instant.'),
    to: timestamp.optional().describe('Changes before this instant.'),
    limit: rowLimit,
  }),
  row: z.object({
    kind: settingKind,
    id: z.string(),
    change_id: z.string(),
    action: changeAction,
    changed_by: z.string(),
    before: jsonOrNone,
    after: jsonOrNone,
    at: epochIso,
  }),
  statement: ({ tenant, kind, id, from, to, limit }) => {
    const ofKind = kind === undefined ? sql`` : sql`AND kind = ${kind}`;
    const one = id === undefined ? sql`` : sql`AND id = ${id}`;
    const since = from === undefined ? sql`` : sql`AND changed_ms >= ${Date.parse(from)}`;
    const until = to === undefined ? sql`` : sql`AND changed_ms < ${Date.parse(to)}`;
    return sql`
      SELECT kind, id, change_id, action, changed_by, before, after, changed_ms AS at
      FROM (${ONCE} WHERE tenant = ${tenant} ${ofKind} ${one} GROUP BY tenant, kind, id, change_id)
      WHERE 1 ${since} ${until}
      ORDER BY changed_ms DESC, change_id DESC
      LIMIT ${limit}`;
  },
});

export type SettingsChangeRow = z.output<typeof LIST_SETTINGS_CHANGES.row>;

/** A tenant's changes, the newest first; by kind, id and period [from, to). */
export const listSettingsChanges = (
  db: Db,
  params: z.input<typeof LIST_SETTINGS_CHANGES.params>,
): Promise<SettingsChangeRow[]> => runQuery(db, LIST_SETTINGS_CHANGES, params);

const SETTINGS_IN_FORCE = namedQuery({
  name: 'settingsInForce',
  params: z.strictObject({
    tenant: tenantCode,
    kind: z.enum(['rule', 'silence', 'mute']),
    id: entityId.optional().describe('One setting; left out: every one.'),
  }),
  row: z.object({ id: z.string(), value: jsonText.pipe(z.record(z.string(), z.unknown())), at: epochIso }),
  // The latest change per id decides; a delete leaves '' as its `after`, so the id drops out.
  statement: ({ tenant, kind, id }) => sql`
    SELECT id, value, at FROM (
      SELECT id, argMax(after, (changed_ms, change_id)) AS value, max(changed_ms) AS at
      FROM (${ONCE} WHERE tenant = ${tenant} AND kind = ${kind} ${id === undefined ? sql`` : sql`AND id = ${id}`}
        GROUP BY tenant, kind, id, change_id)
      GROUP BY id)
    WHERE value != ''
    ORDER BY id
    LIMIT 10000`,
});

export type SettingInForce = z.output<typeof SETTINGS_IN_FORCE.row>;

/**
 * The rules, silences or mutes of a tenant as the gateway last wrote them (the latest `after` per
 * id, deleted ones left out), each with when it last changed.
 */
export const settingsInForce = (
  db: Db,
  params: z.input<typeof SETTINGS_IN_FORCE.params>,
): Promise<SettingInForce[]> => runQuery(db, SETTINGS_IN_FORCE, params);
