import type { IncomingMessage } from '@stuurwiel/kafka';
import {
  type AlertMessage,
  alertingConfigMessage,
  alertKey,
  alertMessage,
  deadlineItem,
  deadlineItemKey,
  kpiSnapshot,
  kpiSnapshotKey,
  parseDeadlineItemKey,
  tenantCode,
  validateEvent,
} from '@stuurwiel/schemas';
import type { z } from 'zod';
import type { ConfigKind, World } from '../world/world.js';

/**
 * One message read from an input topic: a change to apply to the world as a whole, something to
 * pass over on purpose (a reference event alerting does not use), or an invalid message with the
 * reason, which is logged and counted and changes nothing.
 */
export type Decoded<T = World> =
  | { outcome: 'apply'; apply: (target: T) => void }
  | { outcome: 'ignore' }
  | { outcome: 'invalid'; reason: string };

export type Decoder<T = World> = (message: IncomingMessage) => Decoded<T>;

const invalid = (reason: string): { outcome: 'invalid'; reason: string } => ({ outcome: 'invalid', reason });

/** "field: reason; field: reason" for a zod error, so a log line says what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}

function parseJson(value: Buffer): { ok: true; json: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, json: JSON.parse(value.toString('utf8')) };
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
}

/** The tenant of a compaction key `GMxxxx|…`, for a tombstone, whose value says nothing. */
function tenantOfKey(key: string | null): string | null {
  if (key === null) return null;
  const tenant = key.slice(0, key.indexOf('|'));
  return tenantCode.safeParse(tenant).success ? tenant : null;
}

/** kpi.v1: a snapshot replaces the one of its key; a tombstone removes it. */
export const decodeSnapshot: Decoder = (message) => {
  if (message.value === null) {
    const tenant = tenantOfKey(message.key);
    if (tenant === null) return invalid(`tombstone with a key that names no municipality: ${message.key}`);
    const key = message.key!;
    return { outcome: 'apply', apply: (world) => world.removeSnapshot(tenant, key) };
  }
  const json = parseJson(message.value);
  if (!json.ok) return invalid(json.reason);
  const parsed = kpiSnapshot.safeParse(json.json);
  if (!parsed.success) return invalid(describeIssues(parsed.error));
  const snapshot = parsed.data;
  if (message.key !== null && message.key !== kpiSnapshotKey(snapshot))
    return invalid(`key ${message.key} is not the snapshot's key ${kpiSnapshotKey(snapshot)}`);
  return { outcome: 'apply', apply: (world) => world.putSnapshot(snapshot) };
};

/** deadlines.v1: an open item replaces the one of its key; a tombstone (the item closed) removes it. */
export const decodeDeadline: Decoder = (message) => {
  if (message.value === null) {
    const parsedKey = message.key === null ? null : parseDeadlineItemKey(message.key);
    if (parsedKey === null || !tenantCode.safeParse(parsedKey.tenant).success)
      return invalid(`tombstone with a key that is no deadline item key: ${message.key}`);
    const key = message.key!;
    return { outcome: 'apply', apply: (world) => world.removeDeadline(parsedKey.tenant, key) };
  }
  const json = parseJson(message.value);
  if (!json.ok) return invalid(json.reason);
  const parsed = deadlineItem.safeParse(json.json);
  if (!parsed.success) return invalid(describeIssues(parsed.error));
  const item = parsed.data;
  const key = deadlineItemKey(item);
  if (message.key !== null && message.key !== key)
    return invalid(`key ${message.key} is not the item's key ${key}`);
  return { outcome: 'apply', apply: (world) => world.putDeadline(key, item) };
};

const REFERENCE_TYPES = new Set([
  'reference.norm',
  'reference.opening_hours',
  'reference.closing_day',
  'reference.queue',
]);

/** events.reference.v1: norms, opening hours, closing days and queues (their location). */
export const decodeReference: Decoder = (message) => {
  if (message.value === null) return invalid('reference events are never tombstones');
  const json = parseJson(message.value);
  if (!json.ok) return invalid(json.reason);
  const result = validateEvent(json.json);
  if (!result.ok) return invalid(result.errors.map((e) => `${e.path || '(event)'}: ${e.reason}`).join('; '));
  const event = result.event;
  if (!REFERENCE_TYPES.has(event.type)) return { outcome: 'ignore' };
  return {
    outcome: 'apply',
    apply: (world) => world.applyReference(event.tenant, event as Parameters<World['applyReference']>[1]),
  };
};

const CONFIG_KINDS: readonly ConfigKind[] = ['rule', 'silence', 'mute', 'acknowledgement'];

/** alerting.config.v1: rules, silences, mutes and acknowledgements; a tombstone deletes its key's entry. */
export const decodeConfig: Decoder = (message) => {
  if (message.value === null) {
    const [tenant, kind, ...rest] = (message.key ?? '').split('|');
    const id = rest.join('|');
    if (!tenant || !tenantCode.safeParse(tenant).success || !CONFIG_KINDS.includes(kind as ConfigKind) || !id)
      return invalid(`tombstone with a key that is no alerting config key: ${message.key}`);
    return { outcome: 'apply', apply: (world) => world.removeConfig(tenant, kind as ConfigKind, id) };
  }
  const json = parseJson(message.value);
  if (!json.ok) return invalid(json.reason);
  const parsed = alertingConfigMessage.safeParse(json.json);
  if (!parsed.success) return invalid(describeIssues(parsed.error));
  const m = parsed.data;
  return {
    outcome: 'apply',
    apply: (world) => {
      switch (m.type) {
        case 'rule':
          return world.putConfig(m.tenant, { kind: 'rule', rule: m.rule });
        case 'silence':
          return world.putConfig(m.tenant, { kind: 'silence', silence: m.silence });
        case 'mute':
          return world.putConfig(m.tenant, { kind: 'mute', mute: m.mute });
        case 'acknowledgement':
          return world.putConfig(m.tenant, { kind: 'acknowledgement', acknowledgement: m.acknowledgement });
      }
    },
  };
};

/** alerts.v1, read back at start: the latest message per alert (a tombstone forgets it). */
export const decodeOwnAlert: Decoder<Map<string, AlertMessage>> = (message) => {
  if (message.value === null) {
    const key = message.key;
    if (key === null) return invalid('tombstone without a key');
    return { outcome: 'apply', apply: (alerts) => alerts.delete(key) };
  }
  const json = parseJson(message.value);
  if (!json.ok) return invalid(json.reason);
  const parsed = alertMessage.safeParse(json.json);
  if (!parsed.success) return invalid(describeIssues(parsed.error));
  const alert = parsed.data;
  return { outcome: 'apply', apply: (alerts) => alerts.set(alertKey(alert), alert) };
};
