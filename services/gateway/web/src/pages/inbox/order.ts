import { type AlertMessage, alertKey } from '@stuurwiel/schemas';

/** An alert the inbox lists: firing or pending (a resolved one needs no one any more). */
export type OpenAlert = AlertMessage & { state: 'firing' | 'pending' };

const SEVERITY_RANK: Record<AlertMessage['severity'], number> = { critical: 0, warning: 1 };
const STATE_RANK: Record<AlertMessage['state'], number> = { firing: 0, pending: 1, resolved: 2 };

/**
 * Most urgent first: critical before warning, then firing before pending, then the one that
 * began longest ago (it has waited longest for someone), then by fingerprint so that equal
 * alerts keep their places between updates.
 */
export function byUrgency(a: AlertMessage, b: AlertMessage): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    Date.parse(a.starts_at) - Date.parse(b.starts_at) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

const isOpen = (a: AlertMessage): a is OpenAlert => a.state === 'firing' || a.state === 'pending';

/** The later of two messages about one alert (by updated_at; the second on a tie, being the fresher source). */
function newer(a: AlertMessage | undefined, b: AlertMessage): AlertMessage {
  return a !== undefined && Date.parse(a.updated_at) > Date.parse(b.updated_at) ? a : b;
}

/**
 * The inbox's alerts, most urgent first. The REST list fills the inbox until the live connection
 * has delivered its picture; from then on the live picture alone says what is open (an alert that
 * resolved or vanished while the list was read is not in it), each alert in its newest state.
 * One row per alert: of several occurrences the newest counts.
 */
export function inboxAlerts(
  listed: readonly AlertMessage[],
  live: ReadonlyMap<string, AlertMessage>,
  liveComplete: boolean,
): OpenAlert[] {
  const merged = new Map<string, AlertMessage>();
  if (!liveComplete) for (const a of listed) merged.set(alertKey(a), newer(merged.get(alertKey(a)), a));
  for (const [key, a] of live) merged.set(key, newer(merged.get(key), a));
  return [...merged.values()].filter(isOpen).sort(byUrgency);
}

type Item = AlertMessage['items'][number];

/** Deadline items by deadline, the soonest (or longest overdue) first; equal deadlines by kind and id. */
export function itemsByDeadline(items: readonly Item[]): Item[] {
  return [...items].sort(
    (a, b) =>
      Date.parse(a.due_at) - Date.parse(b.due_at) ||
      a.kind.localeCompare(b.kind) ||
      a.item_id.localeCompare(b.item_id),
  );
}
