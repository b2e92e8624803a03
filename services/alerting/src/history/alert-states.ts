import { createHash } from 'node:crypto';
import { type Db, type Sql, splitInstant, sql } from '@stuurwiel/clickhouse';
import { type AlertMessage, alertMessage, alertState, tenantCode, timestamp } from '@stuurwiel/schemas';
import { z } from 'zod';
import { stableJson } from './stable-json.js';
import { epochIso, jsonText, namedQuery, parseFor, precedence, rowLimit, runQuery } from './statement.js';

/** Statements on alert_history_v1 (migration 0010): one row per change of an alert. */
export const ALERT_HISTORY_TABLE = 'alert_history_v1';

/**
 * What makes two records one change: the whole message but its updated_at. The same change
 * recorded again after a restart (a later updated_at, nothing else new) hashes the same.
 */
export function changeKey(alert: AlertMessage): string {
  const { updated_at: _, ...rest } = alert;
  return createHash('sha256').update(stableJson(rest)).digest('hex').slice(0, 32);
}

/** Inserts alert states; recording one again changes no result of the reads below. */
export async function insertAlertStates(db: Db, alerts: readonly AlertMessage[]): Promise<void> {
  const valid = parseFor('insertAlertStates', 'alerts', z.array(alertMessage), alerts);
  await db.insert(
    ALERT_HISTORY_TABLE,
    valid.map((a) => {
      const at = splitInstant(a.updated_at);
      return {
        tenant: a.tenant,
        fingerprint: a.fingerprint,
        rule_id: a.rule_id,
        starts_at: splitInstant(a.starts_at).dateTime,
        change: changeKey(a),
        state: a.state,
        severity: a.severity,
        labels: stableJson(a.labels),
        message: JSON.stringify(a),
        at: at.dateTime,
        at_ms: at.ms,
        precedence: precedence(Date.parse(a.updated_at)),
      };
    }),
  );
}

/**
 * Each change once (its earliest record), whatever copies a replay left: the base of every read.
 * `changed_ms` is when it happened, epoch milliseconds.
 */
function changes(where: Sql): Sql {
  return sql`
    SELECT tenant, fingerprint, starts_at,
      argMin(message, (at, at_ms)) AS message,
      any(state) AS state,
      min(toUInt64(at) * 1000 + at_ms) AS changed_ms
    FROM alert_history_v1
    WHERE ${where}
    GROUP BY tenant, fingerprint, starts_at, change`;
}

/** The order of an alert's changes: occurrence (by its start), then time, then pending < firing < resolved for a tie. */
const LATEST = sql`(starts_at, changed_ms, CAST(state AS Int8))`;

const message = jsonText.pipe(alertMessage);

const LATEST_ALERT_STATES = namedQuery({
  name: 'latestAlertStates',
  params: z.strictObject({
    tenants: z.array(tenantCode).min(1).max(1000),
    since: timestamp.describe('Resolved alerts are returned only when they resolved at or after this.'),
  }),
  row: z.object({ latest_message: message }),
  statement: ({ tenants, since }) => sql`
    SELECT argMax(message, ${LATEST}) AS latest_message
    FROM (${changes(sql`has(${tenants}, tenant)`)})
    GROUP BY tenant, fingerprint
    HAVING argMax(state, ${LATEST}) != 'resolved' OR max(changed_ms) >= ${Date.parse(since)}
    ORDER BY tenant, fingerprint`,
});

/**
 * The latest state of every alert of these tenants that is open (pending or firing), or that
 * resolved since `since`: what alerting restores after a restart, so no alert is forgotten.
 */
export async function latestAlertStates(
  db: Db,
  params: z.input<typeof LATEST_ALERT_STATES.params>,
): Promise<AlertMessage[]> {
  return (await runQuery(db, LATEST_ALERT_STATES, params)).map((r) => r.latest_message);
}

const ALERT_HISTORY = namedQuery({
  name: 'alertHistory',
  params: z.strictObject({
    tenant: tenantCode,
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/, { error: 'must be 16 hexadecimal digits' }),
    limit: rowLimit,
  }),
  row: z.object({ changed_at: epochIso, state: alertState, message }),
  statement: ({ tenant, fingerprint, limit }) => sql`
    SELECT changed_ms AS changed_at, state, message
    FROM (${changes(sql`tenant = ${tenant} AND fingerprint = ${fingerprint}`)})
    ORDER BY changed_ms DESC, CAST(state AS Int8) DESC
    LIMIT ${limit}`,
});

export type AlertChange = z.output<typeof ALERT_HISTORY.row>;

/** Every change of one alert, newest first (the gateway's alert detail). */
export const alertHistory = (db: Db, params: z.input<typeof ALERT_HISTORY.params>): Promise<AlertChange[]> =>
  runQuery(db, ALERT_HISTORY, params);

const LIST_ALERTS = namedQuery({
  name: 'listAlerts',
  params: z
    .strictObject({
      tenant: tenantCode,
      state: alertState.optional().describe('Only alerts whose latest state is this.'),
      from: timestamp.optional().describe('Only alerts still open at or after this instant.'),
      to: timestamp.optional().describe('Only alerts that began before this instant.'),
      limit: rowLimit,
    })
    .refine((p) => !p.from || !p.to || Date.parse(p.from) < Date.parse(p.to), {
      path: ['to'],
      message: 'must be later than from',
    }),
  row: z.object({ last_changed_at: epochIso, state: alertState, message }),
  statement: ({ tenant, state, from, to, limit }) => {
    const began = to ? sql`AND starts_at < ${new Date(to)}` : sql``;
    const inState = state ? sql`AND toString(latest_state) = ${state}` : sql``;
    const open = from
      ? sql`AND (toString(latest_state) != 'resolved' OR last_changed_at >= ${Date.parse(from)})`
      : sql``;
    return sql`
      SELECT last_changed_at, latest_state AS state, latest_message AS message
      FROM (
        SELECT starts_at,
          argMax(message, ${LATEST}) AS latest_message,
          argMax(state, ${LATEST}) AS latest_state,
          max(changed_ms) AS last_changed_at
        FROM (${changes(sql`tenant = ${tenant} ${began}`)})
        GROUP BY fingerprint, starts_at
      )
      WHERE 1 ${inState} ${open}
      ORDER BY starts_at DESC, last_changed_at DESC
      LIMIT ${limit}`;
  },
});

export type ListedAlert = z.output<typeof LIST_ALERTS.row>;

/**
 * A tenant's alerts, one row per occurrence with its latest state, the most recent first; by
 * state, and by period: open at some instant of [from, to).
 */
export const listAlerts = (db: Db, params: z.input<typeof LIST_ALERTS.params>): Promise<ListedAlert[]> =>
  runQuery(db, LIST_ALERTS, params);
