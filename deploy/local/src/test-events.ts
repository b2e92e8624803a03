import {
  type CanonicalEvent,
  deriveEventId,
  type EventOf,
  type EventType,
  type eventSchemas,
  validateEvent,
} from '@stuurwiel/schemas';
import type { z } from 'zod';

/** The municipality a test event belongs to unless it says otherwise. */
export const TEST_TENANT = 'GM0363';

type Source = CanonicalEvent['source'];

/** A payload as a connector may send it: fields with defaults may be left out. */
export type PayloadInput<T extends EventType> = z.input<(typeof eventSchemas)[T]>['payload'];

export interface EventOverrides {
  tenant?: string;
  /** Defaults to an id derived from the event's content, so the same event always has the same id. */
  event_id?: string;
  /** Defaults to the usual system and vendor of the event's family. */
  source?: Source;
}

// What each event family is usually sent by: the source of a test event that names none.
const SOURCES: Record<string, Source> = {
  visit: { system: 'queue_management', vendor: 'qmatic' },
  desk: { system: 'queue_management', vendor: 'qmatic' },
  appointment: { system: 'appointments', vendor: 'qmatic' },
  call: { system: 'telephony', vendor: 'asterisk' },
  callback: { system: 'telephony', vendor: 'asterisk' },
  case: { system: 'case_system', vendor: 'openzaak' },
  written: { system: 'written', vendor: 'dms' },
  survey: { system: 'survey', vendor: 'kto-panel' },
  reference: { system: 'reference', vendor: 'stuurwiel-admin' },
};

/**
 * A canonical event for a test, validated like one from a connector: a test event the schemas
 * reject throws, naming the fields and reasons, instead of testing something no source can send.
 */
export function makeEvent<T extends EventType>(
  type: T,
  occurredAt: string | Date,
  payload: PayloadInput<T>,
  overrides: EventOverrides = {},
): EventOf<T> {
  const tenant = overrides.tenant ?? TEST_TENANT;
  const source = overrides.source ?? SOURCES[type.split('.')[0]!];
  if (!source) throw new Error(`makeEvent: no default source for ${type}; pass one in overrides`);
  const occurred_at = typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString();
  const result = validateEvent({
    spec_version: 1,
    event_id:
      overrides.event_id ?? deriveEventId(tenant, source.vendor, type, occurred_at, JSON.stringify(payload)),
    tenant,
    source,
    occurred_at,
    type,
    payload,
  });
  if (!result.ok) {
    const reasons = result.errors.map((e) => `${e.path || '(event)'}: ${e.reason}`).join('; ');
    throw new Error(`makeEvent: invalid ${type} test event: ${reasons}`);
  }
  return result.event as EventOf<T>;
}
