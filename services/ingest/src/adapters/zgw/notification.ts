import { timestamp, unlessMissing } from '@stuurwiel/schemas';
import { z } from 'zod';

/**
 * What the ZGW Notificaties API (and Open Zaak's CloudEvents) deliver to our callback. A
 * notification carries only URLs; the adapter fetches the case itself (see translate.ts).
 */

/** Resources of the `zaken` kanaal (Zaken API 1.x) as they appear in `resource`. */
export const ZAKEN_RESOURCES = [
  'zaak',
  'status',
  'resultaat',
  'rol',
  'zaakeigenschap',
  'zaakobject',
  'zaakinformatieobject',
  'klantcontact',
  'zaakbesluit',
  'zaakcontactmoment',
  'zaakverzoek',
] as const;

/** Actions of the Notificaties API; Open Zaak adds `read` (a zaak was viewed). */
export const NOTIFICATION_ACTIONS = ['create', 'update', 'partial_update', 'destroy', 'read'] as const;

/**
 * The classic Notificaties API callback body (Notificaties API 1.0 `Notificatie`). Unknown
 * fields pass; `resource` and `actie` are open strings so that a new resource is ignored, not
 * rejected.
 */
export const zgwNotification = z.looseObject({
  kanaal: z.string().min(1),
  hoofdObject: z.url({ protocol: /^https?$/, error: unlessMissing('must be an http(s) URL') }),
  resource: z.string().min(1),
  resourceUrl: z.url({ protocol: /^https?$/, error: unlessMissing('must be an http(s) URL') }),
  actie: z.string().min(1),
  aanmaakdatum: timestamp,
  kenmerken: z.record(z.string(), z.string()).default({}),
});
export type ZgwNotification = z.output<typeof zgwNotification>;

/** The zaken namespace of the CloudEvent types. */
export const CLOUD_EVENT_PREFIX = 'nl.overheid.zaken.';

/**
 * CloudEvent types about a zaak and what the adapter does with them. Open Zaak's own names
 * (zaak-geregistreerd, -gemuteerd, -opgeschort, -verlengd, -bijgewerkt, -afgesloten, -geopend,
 * -verwijderd, -gekoppeld, -ontkoppeld) come from its convenience endpoints and status changes;
 * `zaak-hervat` and `zaakstatus-gewijzigd` are ours: a resumption and a status change for sources
 * that name them so.
 *
 * - created: case.created
 * - status: the zaak's current status (case.status_changed; case.closed when final)
 * - suspension: case.suspended while `opschorting.indicatie`, case.resumed when it was lifted
 * - resumed: case.resumed
 * - extended: case.extended from `verlenging`
 * - closed: case.closed
 * - state: everything the zaak's state says (suspension, extension, end), as a classic zaak update
 * - ignore: nothing we measure (viewed, deleted, linked)
 */
export const CLOUD_EVENT_TYPES = {
  'nl.overheid.zaken.zaak-geregistreerd': 'created',
  'nl.overheid.zaken.zaak-gemuteerd': 'status',
  'nl.overheid.zaken.zaakstatus-gewijzigd': 'status',
  'nl.overheid.zaken.zaak-opgeschort': 'suspension',
  'nl.overheid.zaken.zaak-hervat': 'resumed',
  'nl.overheid.zaken.zaak-verlengd': 'extended',
  'nl.overheid.zaken.zaak-afgesloten': 'closed',
  'nl.overheid.zaken.zaak-bijgewerkt': 'state',
  'nl.overheid.zaken.zaak-geopend': 'ignore',
  'nl.overheid.zaken.zaak-verwijderd': 'ignore',
  'nl.overheid.zaken.zaak-gekoppeld': 'ignore',
  'nl.overheid.zaken.zaak-ontkoppeld': 'ignore',
} as const;
export type CloudEventType = keyof typeof CLOUD_EVENT_TYPES;
export type CloudEventAction = (typeof CLOUD_EVENT_TYPES)[CloudEventType];

export const isKnownCloudEventType = (type: string): type is CloudEventType =>
  Object.hasOwn(CLOUD_EVENT_TYPES, type);

/**
 * A CloudEvents 1.0 event (structured JSON mode) as Open Zaak sends it: `subject` is the zaak
 * uuid, `dataref` its URL (Open Zaak sends a path relative to its host), `data` optional
 * kenmerken. `time` is required here: it is when the case changed.
 */
export const zgwCloudEvent = z.looseObject({
  specversion: z.literal('1.0', { error: 'must be 1.0' }),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().min(1).optional(),
  time: timestamp,
  dataref: z.string().min(1).optional(),
  datacontenttype: z.string().optional(),
  data: z.record(z.string(), z.unknown()).nullish(),
});
export type ZgwCloudEvent = z.output<typeof zgwCloudEvent>;

/** A body is a CloudEvent when it says which CloudEvents version it follows. */
export const isCloudEvent = (item: Record<string, unknown>): boolean => 'specversion' in item;

/** One notification or CloudEvent, or a JSON array of them (a batch: one record per element). */
export const zgwNotificationBody = z.union([
  z.array(z.union([zgwCloudEvent, zgwNotification])),
  zgwCloudEvent,
  zgwNotification,
]);
