import type { AlertMessage } from '@stuurwiel/schemas';
import { groupOf, type RoutesConfig, routeFor } from '../dispatch/routes.js';
import type { AlertStatus } from '../lifecycle/alert-book.js';
import { acknowledgementHolds } from './acknowledge-stage.js';
import { mutedBy } from './mute-stage.js';
import type { NotificationLog } from './notification-log.js';
import { occurrenceKey, occurrenceOfFiringKey } from './notification-log.js';
import { silencedBy } from './silence-stage.js';
import type { NotifyView } from './stage.js';

/**
 * The status the alert book publishes with each alert, read with the same rules the notify
 * stages apply: the acknowledgement that holds, the silences and mutes that suppress it now, and
 * when it escalated (an escalation receiver of its route was sent this occurrence).
 */
export function alertStatus(options: {
  view: NotifyView;
  log: NotificationLog;
  routes: RoutesConfig;
  now: Date;
}): (alert: AlertMessage) => AlertStatus {
  const { view, log, routes, now } = options;
  const silences = view.silences();
  return (alert) => {
    const ack = view.acknowledgement(alert.fingerprint);
    return {
      acknowledgement: ack !== undefined && acknowledgementHolds(alert, ack) ? ack : null,
      silenced_by: silencedBy(alert, silences, now),
      muted_by: mutedBy(alert, view, now),
      escalated_at: escalatedAt(alert, log, routes),
    };
  };
}

function escalatedAt(alert: AlertMessage, log: NotificationLog, routes: RoutesConfig): string | null {
  if (alert.state !== 'firing') return alert.escalated_at;
  const route = routeFor(routes, alert);
  if (route === undefined) return null;
  const { key } = groupOf(route, alert);
  const occurrence = occurrenceKey(alert);
  const sent = route.escalation_receivers
    .map((receiver) => log.get(key, receiver))
    .filter((entry) => entry?.firing.some((k) => occurrenceOfFiringKey(k) === occurrence))
    .map((entry) => entry!.sent_at)
    .sort();
  if (sent.length === 0) return null;
  // Later escalations of the group name it again; the first instant it was published stays.
  return alert.escalated_at !== null && Date.parse(alert.escalated_at) >= Date.parse(alert.starts_at)
    ? alert.escalated_at
    : sent[0]!;
}
