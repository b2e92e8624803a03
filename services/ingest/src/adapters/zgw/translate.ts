import {
  type CanonicalEventInput,
  deriveEventId,
  parseMessages,
  toValidationErrors,
} from '@stuurwiel/schemas';
import { isObject } from '../../is-object.js';
import { type AdapterContext, ignoredRecord, rejected, type TranslatedRecord, translated } from '../types.js';
import type { StatusDocument, ZaakDocument, ZgwClient } from './client.js';
import { ZgwError } from './client.js';
import { durationToDays, extensionDuration } from './duration.js';
import {
  CLOUD_EVENT_PREFIX,
  CLOUD_EVENT_TYPES,
  type CloudEventAction,
  isCloudEvent,
  isKnownCloudEventType,
  type ZgwCloudEvent,
  type ZgwNotification,
  zgwCloudEvent,
  zgwNotification,
} from './notification.js';

/**
 * Translates ZGW notifications (Notificaties API callbacks and Open Zaak CloudEvents) into
 * canonical case events. A notification only says that something happened to a zaak; the
 * adapter fetches the zaak, its status and its zaaktype through {@link ZgwClient} and reports
 * what they say.
 *
 * Decisions:
 * - case_id is the zaak's uuid (the last segment of its URL), not its `identificatie`: the uuid
 *   is in every notification (hoofdObject, CloudEvent subject) and unique across the whole
 *   registration, while an identificatie is unique only per bronorganisatie (a shared Open Zaak
 *   serves several). case_type_id is the zaaktype's `identificatie`, the same for all its versions.
 * - Event ids (deriveEventId(tenant, vendor, 'zaak', <zaak uuid>, ...)):
 *   created                     → 'created'
 *   status_changed              → 'status', <status uuid>
 *   suspended / resumed         → 'suspended' | 'resumed', <notification time as UTC ISO>
 *   extended                    → 'extended', <working days> or '<weeks>W', <notification time as UTC ISO>
 *                                 (one verlenging per zaak, the latest counts; a correction back to
 *                                 an earlier duur must not look like a re-sent notification)
 *   closed                      → 'closed', <einddatum>
 *   so a re-sent notification gives the same ids, and a status or closure reported by two
 *   notifications (a status notification and a CloudEvent) is one event.
 * - occurred_at is the notification's `aanmaakdatum` or the CloudEvent's `time`.
 * - Classic notifications (kanaal 'zaken'):
 *   zaak create                          → case.created
 *   zaak update / partial_update         → the zaak's state (see below)
 *   status create                        → case.status_changed, and case.closed when it is an eindstatus
 *   resultaat create / update            → case.closed once the zaak has an einddatum, else ignored
 *                                          (in ZGW the resultaat comes first and the eindstatus closes)
 *   zaak destroy / read, other resources → ignored; another kanaal → ignored
 * - The state of a zaak (a zaak update carries no diff, and the adapter keeps no state):
 *   opschorting.indicatie true → case.suspended (without a reason: opschorting.reden and
 *   verlenging.reden are free text and are not sent); false after an
 *   earlier suspension (eerdereOpschorting, or a reden left behind) → case.resumed;
 *   verlenging.duur → case.extended, the extension in force (it replaces an earlier one);
 *   einddatum → case.closed. A later update of a zaak that is
 *   still suspended reports case.suspended again (a later time, so another id): consumers keep
 *   the first suspended until a resumed, and ignore a resumed without an open suspension.
 * - CloudEvents: see CLOUD_EVENT_TYPES in notification.ts. Each one about a zaak also reports the
 *   zaak's current status (Open Zaak's convenience endpoints set a status with every change); its
 *   id comes from the status uuid, so a status reported before is dropped as a duplicate.
 *   Types outside nl.overheid.zaken. are ignored; unknown types inside it are rejected.
 * - Norms: doorlooptijd and servicenorm are calendar days (see duration.ts: P8W = 56; months are
 *   rejected); verlenging.duur `P…D` is working days, `P…W` calendar weeks (duration.ts).
 * - result is the resultaattype's omschrijving; the resultaat's toelichting is free text and is
 *   not sent (it may hold personal data).
 * - Errors are per record, never thrown: an unknown zaaktype → path 'kenmerken.zaaktype' (CloudEvent:
 *   'data.zaaktype'), reason 'unknown zaaktype <url>'; an unreachable API → 'zaken api unreachable: ...';
 *   a URL outside the configured roots → rejected without any request.
 */

export interface ZgwAdapterContext extends AdapterContext {
  zgw: ZgwClient;
  /** source.vendor (default 'openzaak'). */
  vendor?: string;
  /** source.instance, when a municipality runs several registrations. */
  instance?: string;
  /** Notifications of one body translated at once (default 4). */
  concurrency?: number;
}

export const DEFAULT_ZGW_VENDOR = 'openzaak';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TYPE_ORDER: Record<string, number> = {
  'case.created': 0,
  'case.status_changed': 1,
  'case.suspended': 2,
  'case.resumed': 2,
  'case.extended': 3,
  'case.closed': 4,
};

/** A record-level failure: where in the notification, and why. */
class RecordError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Where errors about each looked-up thing are reported, per notification format. */
interface Paths {
  zaak: string;
  zaaktype: string;
  status: string;
}

const CLASSIC_PATHS: Paths = { zaak: 'hoofdObject', zaaktype: 'kenmerken.zaaktype', status: 'resourceUrl' };
const CLOUD_PATHS: Paths = { zaak: 'dataref', zaaktype: 'data.zaaktype', status: 'dataref' };

/** The uuid of a zaak URL `<zaken root>/zaken/<uuid>`, or undefined. */
function zaakUuidOf(url: string, zgw: ZgwClient): string | undefined {
  if (!zgw.isWithin('zaken', url)) return undefined;
  const rest = new URL(url).pathname.slice(new URL(`${zgw.zakenApiUrl}/`).pathname.length);
  const match = /^zaken\/([^/]+)\/?$/.exec(rest);
  return match?.[1] !== undefined && UUID.test(match[1]) ? match[1].toLowerCase() : undefined;
}

const lastSegment = (url: string): string => new URL(url).pathname.replace(/\/$/, '').split('/').pop() ?? url;

/** YYYY-MM-DD of an instant in Europe/Amsterdam. */
const amsterdamDate = (instant: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));

/** Turns a client failure into a record error at `path`. */
async function lookup<T>(path: string, promise: Promise<T>, notFound?: (url: string) => string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ZgwError) {
      if (error.kind === 'not_found' && notFound) throw new RecordError(path, notFound(error.url));
      throw new RecordError(path, error.message);
    }
    throw error;
  }
}

/** Everything about the one zaak a notification is about. */
class ZaakJob {
  readonly #instant: string;
  #zaak: Promise<ZaakDocument> | undefined;

  constructor(
    readonly ctx: ZgwAdapterContext,
    readonly zaakUrl: string,
    readonly zaakUuid: string,
    readonly occurredAt: string,
    readonly paths: Paths,
  ) {
    this.#instant = new Date(occurredAt).toISOString();
  }

  get vendor(): string {
    return this.ctx.vendor ?? DEFAULT_ZGW_VENDOR;
  }

  zaak(): Promise<ZaakDocument> {
    this.#zaak ??= lookup(
      this.paths.zaak,
      this.ctx.zgw.getZaak(this.zaakUrl),
      (url) => `unknown zaak ${url}`,
    );
    return this.#zaak;
  }

  event(type: string, idParts: (string | number)[], payload: Record<string, unknown>): CanonicalEventInput {
    const source = {
      system: 'case_system' as const,
      vendor: this.vendor,
      ...(this.ctx.instance === undefined ? {} : { instance: this.ctx.instance }),
    };
    return {
      spec_version: 1,
      event_id: deriveEventId(this.ctx.tenant, this.vendor, 'zaak', this.zaakUuid, ...idParts),
      tenant: this.ctx.tenant,
      source,
      occurred_at: this.occurredAt,
      type,
      payload: { case_id: this.zaakUuid, ...payload },
    } as CanonicalEventInput;
  }

  async created(): Promise<CanonicalEventInput[]> {
    const zaak = await this.zaak();
    const zaaktype = await lookup(
      this.paths.zaaktype,
      this.ctx.zgw.getZaaktype(zaak.zaaktype),
      (url) => `unknown zaaktype ${url}`,
    );
    const lead = durationToDays(zaaktype.doorlooptijd);
    if (!lead.ok)
      throw new RecordError(
        `${this.paths.zaaktype}.doorlooptijd`,
        `zaaktype ${zaaktype.url}: ${lead.reason}`,
      );
    let serviceNorm: { target: number; unit: 'calendar_days' } | undefined;
    if (zaaktype.servicenorm) {
      const service = durationToDays(zaaktype.servicenorm);
      if (!service.ok) {
        throw new RecordError(
          `${this.paths.zaaktype}.servicenorm`,
          `zaaktype ${zaaktype.url}: ${service.reason}`,
        );
      }
      serviceNorm = { target: service.days, unit: 'calendar_days' };
    }
    return [
      this.event('case.created', ['created'], {
        case_type_id: zaaktype.identificatie,
        start_date: zaak.startdatum,
        lead_time_norm: { target: lead.days, unit: 'calendar_days' },
        ...(serviceNorm === undefined ? {} : { service_norm: serviceNorm }),
      }),
    ];
  }

  /** case.status_changed for a status, and case.closed when its statustype is the eindstatus. */
  async status(statusUrl: string): Promise<CanonicalEventInput[]> {
    const status = await lookup(
      this.paths.status,
      this.ctx.zgw.getStatus(statusUrl),
      (url) => `unknown status ${url}`,
    );
    const statustype = await lookup(
      this.paths.status,
      this.ctx.zgw.getStatustype(status.statustype),
      (url) => `unknown statustype ${url}`,
    );
    const isFinal = statustype.isEindstatus === true;
    const events = [
      this.event('case.status_changed', ['status', statusId(status)], {
        status: statustype.omschrijving,
        sequence: statustype.volgnummer,
        is_final: isFinal,
      }),
    ];
    if (isFinal) {
      const zaak = await this.zaak();
      const fallback = status.datumStatusGezet ? dateOf(status.datumStatusGezet) : undefined;
      events.push(await this.closed(zaak, fallback ?? amsterdamDate(this.occurredAt)));
    }
    return events;
  }

  /** The zaak's current status, when it has one. */
  async currentStatus(): Promise<CanonicalEventInput[]> {
    const zaak = await this.zaak();
    return zaak.status ? this.status(zaak.status) : [];
  }

  // opschorting.reden is free text (it may name the citizen or their circumstances) and is
  // not sent, like the resultaat's toelichting.
  suspended(): CanonicalEventInput {
    return this.event('case.suspended', ['suspended', this.#instant], {});
  }

  resumed(): CanonicalEventInput {
    return this.event('case.resumed', ['resumed', this.#instant], {});
  }

  /** case.suspended or case.resumed as the zaak's opschorting says; none when never suspended. */
  suspension(zaak: ZaakDocument): CanonicalEventInput[] {
    const opschorting = zaak.opschorting;
    if (!opschorting) return [];
    if (opschorting.indicatie) return [this.suspended()];
    const wasSuspended = opschorting.eerdereOpschorting === true || Boolean(opschorting.reden);
    return wasSuspended ? [this.resumed()] : [];
  }

  extension(zaak: ZaakDocument): CanonicalEventInput[] {
    const duur = zaak.verlenging?.duur;
    if (!duur) return [];
    const parsed = extensionDuration(duur);
    if (!parsed.ok)
      throw new RecordError(`${this.paths.zaak}`, `zaak ${zaak.url} verlenging.duur: ${parsed.reason}`);
    const { extension } = parsed;
    // Weeks are marked so P2W ≠ P2D. The notification time is part of the id: a correction back to
    // an earlier duur (P10D, P15D, P10D) is a new event that must count, not a duplicate of the first.
    const idPart = 'working_days' in extension ? extension.working_days : `${extension.calendar_weeks}W`;
    // verlenging.reden is free text and is not sent (see suspended).
    return [this.event('case.extended', ['extended', idPart, this.#instant], { ...extension })];
  }

  async closed(zaak: ZaakDocument, fallbackDate?: string): Promise<CanonicalEventInput> {
    const endDate = zaak.einddatum ?? fallbackDate;
    if (!endDate) throw new RecordError(this.paths.zaak, `zaak ${zaak.url} has no einddatum`);
    if (!zaak.resultaat)
      throw new RecordError(this.paths.zaak, `zaak ${zaak.url} is closed but has no resultaat`);
    const resultaat = await lookup(
      this.paths.zaak,
      this.ctx.zgw.getResultaat(zaak.resultaat),
      (url) => `unknown resultaat ${url}`,
    );
    const resultaattype = await lookup(
      this.paths.zaak,
      this.ctx.zgw.getResultaattype(resultaat.resultaattype),
      (url) => `unknown resultaattype ${url}`,
    );
    return this.event('case.closed', ['closed', endDate], {
      end_date: endDate,
      result: resultaattype.omschrijving,
    });
  }

  /** Everything the zaak's state says: suspension, extension, closure. */
  async state(): Promise<CanonicalEventInput[]> {
    const zaak = await this.zaak();
    const events = [...this.suspension(zaak), ...this.extension(zaak)];
    if (zaak.einddatum) events.push(await this.closed(zaak));
    return events;
  }
}

const statusId = (status: StatusDocument): string => status.uuid?.toLowerCase() ?? lastSegment(status.url);

/** The date part of an ISO date-time, as the Zaken API sets einddatum from datumStatusGezet. */
function dateOf(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  return /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? amsterdamDate(text) : text.slice(0, 10);
}

/** Same event id twice in one record (e.g. closed via status and via afgesloten) → once; stable order. */
function tidy(events: CanonicalEventInput[]): CanonicalEventInput[] {
  const seen = new Set<string>();
  const unique = events.filter((e) => !seen.has(e.event_id) && seen.add(e.event_id));
  return unique
    .map((event, i) => ({ event, i }))
    .sort((a, b) => (TYPE_ORDER[a.event.type] ?? 9) - (TYPE_ORDER[b.event.type] ?? 9) || a.i - b.i)
    .map(({ event }) => event);
}

function done(
  index: number,
  original: unknown,
  events: CanonicalEventInput[],
  why: string,
): TranslatedRecord {
  return events.length === 0
    ? ignoredRecord(index, original, why)
    : translated(index, original, tidy(events));
}

async function translateClassic(
  item: Record<string, unknown>,
  index: number,
  ctx: ZgwAdapterContext,
): Promise<TranslatedRecord> {
  if (typeof item.kanaal === 'string' && item.kanaal !== 'zaken') {
    return ignoredRecord(index, item, `kanaal '${item.kanaal}' is not about cases (zaken)`);
  }
  const parsed = zgwNotification.safeParse(item, { error: parseMessages });
  if (!parsed.success) return { index, original: item, events: [], errors: toValidationErrors(parsed.error) };
  const n: ZgwNotification = parsed.data;
  const { resource, actie } = n;

  const measured =
    (resource === 'zaak' && ['create', 'update', 'partial_update'].includes(actie)) ||
    (resource === 'status' && actie === 'create') ||
    (resource === 'resultaat' && ['create', 'update', 'partial_update'].includes(actie));
  if (!measured) {
    return ignoredRecord(index, item, `${resource} ${actie} carries nothing stuurwiel measures`);
  }

  const zaakUuid = zaakUuidOf(n.hoofdObject, ctx.zgw);
  if (zaakUuid === undefined) {
    return rejected(index, item, 'hoofdObject', outsideReason('hoofdObject', n.hoofdObject, ctx.zgw));
  }
  if (!ctx.zgw.isWithin('zaken', n.resourceUrl)) {
    return rejected(index, item, 'resourceUrl', outsideReason('resourceUrl', n.resourceUrl, ctx.zgw));
  }
  const job = new ZaakJob(ctx, n.hoofdObject, zaakUuid, n.aanmaakdatum, CLASSIC_PATHS);

  if (resource === 'zaak') {
    const events = actie === 'create' ? await job.created() : await job.state();
    return done(index, item, events, `zaak ${actie}: nothing stuurwiel measures changed`);
  }
  if (resource === 'status') {
    return done(index, item, await job.status(n.resourceUrl), 'no status');
  }
  const zaak = await job.zaak();
  const events = zaak.einddatum ? [await job.closed(zaak)] : [];
  return done(index, item, events, 'resultaat recorded; the case closes with its eindstatus');
}

function outsideReason(field: string, url: string, zgw: ZgwClient): string {
  return zgw.isWithin('zaken', url)
    ? `${field} must be a zaak url <${zgw.zakenApiUrl}>/zaken/<uuid>, got ${url}`
    : `${field} ${url} is outside the configured zaken api (${zgw.zakenApiUrl}); it was not requested`;
}

async function translateCloudEvent(
  item: Record<string, unknown>,
  index: number,
  ctx: ZgwAdapterContext,
): Promise<TranslatedRecord> {
  const parsed = zgwCloudEvent.safeParse(item, { error: parseMessages });
  if (!parsed.success) return { index, original: item, events: [], errors: toValidationErrors(parsed.error) };
  const ce: ZgwCloudEvent = parsed.data;
  if (!ce.type.startsWith(CLOUD_EVENT_PREFIX)) {
    return ignoredRecord(index, item, `CloudEvent type '${ce.type}' is not about cases (zaken)`);
  }
  if (!isKnownCloudEventType(ce.type)) {
    return rejected(
      index,
      item,
      'type',
      `unknown CloudEvent type '${ce.type}'; expected one of ${Object.keys(CLOUD_EVENT_TYPES).join(', ')}`,
    );
  }
  const action: CloudEventAction = CLOUD_EVENT_TYPES[ce.type];
  if (action === 'ignore') return ignoredRecord(index, item, `${ce.type} carries nothing stuurwiel measures`);

  let zaakUrl: string;
  let path = 'dataref';
  if (ce.dataref !== undefined) {
    // Open Zaak sends a path relative to its host: /zaken/api/v1/zaken/<uuid>.
    try {
      zaakUrl = new URL(ce.dataref, `${ctx.zgw.zakenApiUrl}/`).href;
    } catch {
      return rejected(index, item, 'dataref', `must be the zaak's URL (or its path), got '${ce.dataref}'`);
    }
  } else if (ce.subject !== undefined && UUID.test(ce.subject)) {
    zaakUrl = `${ctx.zgw.zakenApiUrl}/zaken/${ce.subject.toLowerCase()}`;
    path = 'subject';
  } else {
    return rejected(index, item, 'dataref', 'required: the zaak URL (or a subject with the zaak uuid)');
  }
  const zaakUuid = zaakUuidOf(zaakUrl, ctx.zgw);
  if (zaakUuid === undefined) return rejected(index, item, path, outsideReason(path, zaakUrl, ctx.zgw));
  if (ce.subject !== undefined && UUID.test(ce.subject) && ce.subject.toLowerCase() !== zaakUuid) {
    return rejected(index, item, 'subject', `subject ${ce.subject} is not the uuid of dataref ${zaakUrl}`);
  }
  const job = new ZaakJob(ctx, zaakUrl, zaakUuid, ce.time, { ...CLOUD_PATHS, zaak: path, status: path });

  const events: CanonicalEventInput[] = [];
  switch (action) {
    case 'resumed':
      return translated(index, item, [job.resumed()]);
    case 'created':
      events.push(...(await job.created()));
      break;
    case 'status':
      break;
    case 'suspension':
      events.push(...job.suspension(await job.zaak()));
      break;
    case 'extended': {
      const extension = job.extension(await job.zaak());
      if (extension.length === 0) {
        throw new RecordError(path, `${ce.type}, but zaak ${zaakUrl} has no verlenging.duur`);
      }
      events.push(...extension);
      break;
    }
    case 'closed': {
      const zaak = await job.zaak();
      if (!zaak.einddatum) throw new RecordError(path, `${ce.type}, but zaak ${zaakUrl} has no einddatum`);
      events.push(await job.closed(zaak));
      break;
    }
    case 'state':
      events.push(...(await job.state()));
      break;
  }
  events.push(...(await job.currentStatus()));
  return done(index, item, events, `${ce.type}: nothing stuurwiel measures changed`);
}

async function translateOne(item: unknown, index: number, ctx: ZgwAdapterContext): Promise<TranslatedRecord> {
  if (!isObject(item)) {
    return rejected(index, item, '', 'must be a JSON object (a ZGW notification or a CloudEvent)');
  }
  try {
    return isCloudEvent(item)
      ? await translateCloudEvent(item, index, ctx)
      : await translateClassic(item, index, ctx);
  } catch (error) {
    if (error instanceof RecordError) return rejected(index, item, error.path, error.reason);
    // A bug of ours must not lose the notification either: dead-letter it with the message.
    const reason = error instanceof Error ? error.message : String(error);
    return rejected(index, item, '', `could not translate: ${reason}`);
  }
}

/**
 * Translates a Notificaties API callback body (one notification, one CloudEvent, or an array of
 * them) into one record per notification, in body order. Never throws for bad input.
 */
export async function translateZgwNotifications(
  body: unknown,
  ctx: ZgwAdapterContext,
): Promise<TranslatedRecord[]> {
  const items = Array.isArray(body) ? body : [body];
  const results: TranslatedRecord[] = new Array(items.length);
  const workers = Math.max(1, Math.min(ctx.concurrency ?? 4, items.length));
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await translateOne(items[index], index, ctx);
      }
    }),
  );
  return results;
}
