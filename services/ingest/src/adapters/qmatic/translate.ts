import {
  type CanonicalEventInput,
  deriveEventId,
  parseMessages,
  toValidationErrors,
  type ValidationError,
} from '@stuurwiel/schemas';
import { isObject } from '../../is-object.js';
import { shapeOf } from '../../privacy/shape-of.js';
import { type AdapterContext, ignoredRecord, rejected, type TranslatedRecord } from '../types.js';
import {
  QMATIC_IGNORED_EVENTS,
  QMATIC_VISIT_EVENTS,
  type QmaticEvent,
  type QmaticEventName,
  qmaticEvent,
  REQUIRED_FIELDS,
} from './schema.js';

const VENDOR = 'qmatic';
const SOURCE = { system: 'queue_management', vendor: VENDOR } as const;
const STAFF_FIELDS = ['staffUserName', 'targetStaffUserName'] as const;

const isKnown = (name: string): name is QmaticEventName =>
  (QMATIC_VISIT_EVENTS as readonly string[]).includes(name);

/**
 * The record as received, for the dead-letter topic, with staff user names replaced by their
 * keyed hash: a name must not reach Kafka, not even in a reject.
 */
function withoutStaffNames(item: unknown, ctx: AdapterContext): unknown {
  if (!isObject(item)) return item;
  const copy: Record<string, unknown> = { ...item };
  for (const field of STAFF_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string' && value.trim() !== '') copy[field] = ctx.pseudonymise(value);
  }
  return copy;
}

// Java connectors often write absent values as null; treat them as absent.
function withoutNulls(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null));
}

/**
 * Translates Qmatic-Orchestra-style visit and service-point events (a JSON array, or one
 * object) into canonical events; one record per event, index = position in the body.
 *
 * Recalls: the adapter keeps no state between requests, so it cannot see that a VISIT_CALL
 * repeats an earlier call itself. VISIT_RECALL is always a recall; a VISIT_CALL is one when
 * the event says so (`recall: true`, or `callCount` above 1). The aggregator lets the last
 * call count.
 */
export function translateQmaticEvents(body: unknown, ctx: AdapterContext): TranslatedRecord[] {
  const items = Array.isArray(body) ? body : [body];
  return items.map((item, index) => translateOne(item, index, ctx));
}

function translateOne(item: unknown, index: number, ctx: AdapterContext): TranslatedRecord {
  const original = withoutStaffNames(item, ctx);
  if (!isObject(item)) return rejected(index, original, '', 'must be a JSON object (one Qmatic event)');
  const input = withoutNulls(item);
  const name = input.event;
  if (name === undefined) return rejected(index, original, 'event', 'required');
  if (typeof name !== 'string') return rejected(index, original, 'event', 'must be a string');
  if ((QMATIC_IGNORED_EVENTS as readonly string[]).includes(name)) {
    return ignoredRecord(index, original, `${name} carries nothing stuurwiel measures`);
  }
  if (!isKnown(name)) {
    return rejected(
      index,
      original,
      'event',
      `unknown event of ${shapeOf(name)}; expected one of ${[...QMATIC_VISIT_EVENTS, ...QMATIC_IGNORED_EVENTS].join(', ')}`,
    );
  }

  const parsed = qmaticEvent.safeParse(input, { error: parseMessages });
  const errors: ValidationError[] = parsed.success ? [] : toValidationErrors(parsed.error);
  for (const field of REQUIRED_FIELDS[name]) {
    if (input[field] === undefined) errors.push({ path: field, reason: `required for ${name}` });
  }
  if (name === 'VISIT_CREATE' && input.appointmentId !== undefined && input.appointmentTime === undefined) {
    errors.push({
      path: 'appointmentTime',
      reason: 'required when appointmentId is given: an appointment wait counts from its start',
    });
  }
  if (errors.length > 0 || !parsed.success) return { index, original, events: [], errors };
  return { index, original, events: [toCanonical(name, parsed.data, ctx)], errors: [] };
}

function toCanonical(name: QmaticEventName, e: QmaticEvent, ctx: AdapterContext): CanonicalEventInput {
  // The same instant written with another offset is the same event.
  const instant = new Date(e.eventTime).toISOString();
  const envelope = {
    spec_version: 1 as const,
    tenant: ctx.tenant,
    source: SOURCE,
    occurred_at: e.eventTime,
  };
  const location_id = e.branchId;
  const staff = e.staffUserName === undefined ? {} : { staff_key: ctx.pseudonymise(e.staffUserName) };
  const products = e.services ?? [];

  if (name === 'SERVICE_POINT_OPEN' || name === 'SERVICE_POINT_CLOSE') {
    const desk_id = e.servicePointId!;
    const event_id = deriveEventId(ctx.tenant, VENDOR, 'service_point', location_id, desk_id, name, instant);
    return name === 'SERVICE_POINT_OPEN'
      ? {
          ...envelope,
          event_id,
          type: 'desk.opened',
          payload: { location_id, desk_id, queue_ids: e.queueIds ?? [], ...staff },
        }
      : { ...envelope, event_id, type: 'desk.closed', payload: { location_id, desk_id } };
  }

  const visit_id = e.visitId!;
  const event_id = deriveEventId(
    ctx.tenant,
    VENDOR,
    'visit',
    visit_id,
    name,
    instant,
    e.servicePointId ?? '',
  );
  switch (name) {
    case 'VISIT_CREATE': {
      const appointment = e.appointmentId !== undefined || e.appointmentTime !== undefined;
      return {
        ...envelope,
        event_id,
        type: 'visit.arrived',
        payload: {
          visit_id,
          location_id,
          queue_id: e.queueId!,
          kind: appointment ? 'appointment' : 'walk_in',
          ...(e.appointmentId === undefined ? {} : { appointment_id: e.appointmentId }),
          ...(e.appointmentTime === undefined ? {} : { appointment_start: e.appointmentTime }),
          products,
          ...(e.ticketId === undefined ? {} : { ticket: e.ticketId }),
        },
      };
    }
    case 'VISIT_CALL':
    case 'VISIT_RECALL':
      return {
        ...envelope,
        event_id,
        type: 'visit.called',
        payload: {
          visit_id,
          location_id,
          queue_id: e.queueId!,
          desk_id: e.servicePointId!,
          ...staff,
          recall: name === 'VISIT_RECALL' || e.recall === true || (e.callCount ?? 1) > 1,
        },
      };
    case 'VISIT_TRANSFER_TO_QUEUE':
    case 'VISIT_TRANSFER_TO_SERVICE_POINT':
    case 'VISIT_TRANSFER_TO_USER_POOL': {
      const to =
        name === 'VISIT_TRANSFER_TO_QUEUE'
          ? { kind: 'queue' as const, id: e.targetQueueId! }
          : name === 'VISIT_TRANSFER_TO_SERVICE_POINT'
            ? { kind: 'desk' as const, id: e.targetServicePointId! }
            : { kind: 'staff' as const, id: ctx.pseudonymise(e.targetStaffUserName!) };
      return {
        ...envelope,
        event_id,
        type: 'visit.transferred',
        payload: { visit_id, location_id, from_queue_id: e.queueId!, to },
      };
    }
    case 'VISIT_END':
    case 'VISIT_NOSHOW':
    case 'VISIT_REMOVE': {
      const outcome =
        name === 'VISIT_NOSHOW' ? 'no_show' : (e.outcome ?? (name === 'VISIT_END' ? 'served' : 'removed'));
      return {
        ...envelope,
        event_id,
        type: 'visit.finished',
        payload: {
          visit_id,
          location_id,
          ...(e.queueId === undefined ? {} : { queue_id: e.queueId }),
          ...(e.servicePointId === undefined ? {} : { desk_id: e.servicePointId }),
          outcome,
          products,
        },
      };
    }
  }
}
