import type { CanonicalEvent, EventType, PayloadOf } from './event.js';

/** Every Kafka topic name of stuurwiel, in one place; the suffix is the major schema version. */
export const TOPICS = {
  visit: 'events.visit.v1',
  appointment: 'events.appointment.v1',
  call: 'events.call.v1',
  case: 'events.case.v1',
  written: 'events.written.v1',
  survey: 'events.survey.v1',
  reference: 'events.reference.v1',
  deadLetter: 'events.dlq.v1',
  kpi: 'kpi.v1',
  alerts: 'alerts.v1',
  deadlines: 'deadlines.v1',
  alertingConfig: 'alerting.config.v1',
} as const;

export const DEAD_LETTER_TOPIC = TOPICS.deadLetter;
export const KPI_TOPIC = TOPICS.kpi;
export const ALERTS_TOPIC = TOPICS.alerts;
export const DEADLINES_TOPIC = TOPICS.deadlines;
export const ALERTING_CONFIG_TOPIC = TOPICS.alertingConfig;

type EventDomain = EventType extends `${infer Domain}.${string}` ? Domain : never;

// Desk and callback events share their topic with the visits and calls they affect.
const TOPIC_BY_DOMAIN = {
  visit: TOPICS.visit,
  desk: TOPICS.visit,
  appointment: TOPICS.appointment,
  call: TOPICS.call,
  callback: TOPICS.call,
  case: TOPICS.case,
  written: TOPICS.written,
  survey: TOPICS.survey,
  reference: TOPICS.reference,
} as const satisfies Record<EventDomain, string>;

export type EventTopic = (typeof TOPIC_BY_DOMAIN)[EventDomain];

/** The topics that carry canonical events (not the dead letters, KPIs or alerts). */
export const ALL_EVENT_TOPICS: readonly EventTopic[] = Object.freeze([
  ...new Set(Object.values(TOPIC_BY_DOMAIN)),
]);

export function topicFor(type: EventType): EventTopic {
  return TOPIC_BY_DOMAIN[type.slice(0, type.indexOf('.')) as EventDomain];
}

/**
 * Which payload field names the entity whose events must stay in order; null means the tenant itself.
 * Typed per event, so a renamed payload field breaks the build instead of the partitioning.
 */
export const PARTITION_ENTITY_FIELD = {
  'visit.arrived': 'visit_id',
  'visit.called': 'visit_id',
  'visit.finished': 'visit_id',
  'visit.transferred': 'visit_id',
  'desk.opened': 'desk_id',
  'desk.closed': 'desk_id',
  'appointment.booked': 'appointment_id',
  'appointment.cancelled': 'appointment_id',
  'appointment.no_show': 'appointment_id',
  'call.offered': 'call_id',
  'call.menu_choice': 'call_id',
  'call.queued': 'call_id',
  'call.answered': 'call_id',
  'call.abandoned': 'call_id',
  'call.blocked': 'call_id',
  'call.transferred': 'call_id',
  'call.ended': 'call_id',
  'callback.requested': 'callback_id',
  'callback.completed': 'callback_id',
  'case.created': 'case_id',
  'case.status_changed': 'case_id',
  'case.suspended': 'case_id',
  'case.resumed': 'case_id',
  'case.extended': 'case_id',
  'case.closed': 'case_id',
  'written.received': 'contact_id',
  'written.acknowledged': 'contact_id',
  'written.answered': 'contact_id',
  'survey.responded': 'response_id',
  'reference.tenant': null,
  'reference.location': 'location_id',
  'reference.queue': 'queue_id',
  'reference.desk': 'desk_id',
  'reference.product': 'product_id',
  'reference.case_type': 'case_type_id',
  'reference.norm': 'norm_id',
  'reference.closing_day': 'date',
  'reference.opening_hours': 'opening_hours_id',
} as const satisfies { [T in EventType]: (keyof PayloadOf<T> & string) | null };

/** The id of the entity an event is about (see PARTITION_ENTITY_FIELD). */
export function entityIdOf(event: CanonicalEvent): string {
  const field = PARTITION_ENTITY_FIELD[event.type];
  return field === null ? event.tenant : String((event.payload as Record<string, unknown>)[field]);
}

/** Kafka message key `${tenant}:${entityId}`, so that one entity's events stay in order on one partition. */
export function partitionKey(event: CanonicalEvent): string {
  return `${event.tenant}:${entityIdOf(event)}`;
}
