import { type CanonicalEventInput, deriveEventId } from '@stuurwiel/schemas';
import type { MunicipalityConfig } from './config.js';

const VENDOR = 'stuurwiel-simulator';

/**
 * The municipality's reference data as canonical `reference.*` events: there is no source
 * format for these, so they go to ingest's canonical endpoint (POST /v1/events). Their ids
 * depend on the content, so loading the same configuration again adds nothing, while a changed
 * one (other opening hours) is a new event whose latest version counts.
 */
export function referenceEvents(config: MunicipalityConfig, at: Date): CanonicalEventInput[] {
  const tenant = config.tenant;
  const occurred_at = at.toISOString();
  const event = (type: string, id: string, payload: Record<string, unknown>): CanonicalEventInput =>
    ({
      spec_version: 1,
      event_id: deriveEventId(tenant, VENDOR, type, id, JSON.stringify(payload)),
      tenant,
      source: { system: 'reference', vendor: VENDOR },
      occurred_at,
      type,
      payload,
    }) as CanonicalEventInput;
  const caseDays = (duration: string) => {
    const n = Number(duration.slice(1, -1));
    return { target: duration.endsWith('W') ? n * 7 : n, unit: 'calendar_days' };
  };
  return [
    event('reference.tenant', tenant, {
      name: config.name,
      population: config.population,
      province: config.province,
      size_class: config.size_class,
    }),
    ...config.locations.flatMap((location) => [
      event('reference.location', location.id, {
        location_id: location.id,
        name: location.name,
        ...(location.area ? { municipality_area: location.area } : {}),
      }),
      ...location.queues.map((queue) =>
        event('reference.queue', queue.id, {
          queue_id: queue.id,
          name: queue.name,
          channel: 'counter',
          location_id: location.id,
        }),
      ),
      ...Array.from({ length: location.desks }, (_, i) =>
        event('reference.desk', `${location.id}-balie-${i + 1}`, {
          desk_id: `${location.id}-balie-${i + 1}`,
          location_id: location.id,
          name: `${location.name} balie ${i + 1}`,
        }),
      ),
      event('reference.opening_hours', `location:${location.id}`, {
        opening_hours_id: `location-${location.id}`,
        scope: { kind: 'location', id: location.id },
        week: location.opening_hours,
        closed_on_closing_days: true,
      }),
    ]),
    ...config.phone.queues.flatMap((queue) => [
      event('reference.queue', queue.id, { queue_id: queue.id, name: queue.name, channel: 'phone' }),
      event('reference.opening_hours', `queue:${queue.id}`, {
        opening_hours_id: `queue-${queue.id}`,
        scope: { kind: 'queue', id: queue.id },
        week: config.phone.opening_hours,
        closed_on_closing_days: true,
      }),
    ]),
    // The exchange writes while the line is open: outside these hours its silence is expected.
    event('reference.opening_hours', 'source:telephony/asterisk', {
      opening_hours_id: 'source-telephony',
      scope: { kind: 'source', id: 'telephony/asterisk' },
      week: config.phone.opening_hours,
      closed_on_closing_days: true,
    }),
    event('reference.opening_hours', 'source:case_system/openzaak', {
      opening_hours_id: 'source-case-system',
      scope: { kind: 'source', id: 'case_system/openzaak' },
      week: config.cases.office_hours,
      closed_on_closing_days: true,
    }),
    ...config.counter.products.map((product) =>
      event('reference.product', product.id, { product_id: product.id, name: product.name }),
    ),
    ...config.cases.types.map((type) =>
      event('reference.case_type', type.id, {
        case_type_id: type.id,
        name: type.name,
        lead_time_norm: caseDays(type.doorlooptijd),
        ...(type.servicenorm ? { service_norm: caseDays(type.servicenorm) } : {}),
        extension_allowed: type.extension_allowed,
      }),
    ),
    ...config.norms.map((norm) => event('reference.norm', norm.norm_id, norm)),
    ...config.closing_days.map((day) => event('reference.closing_day', day.date, day)),
  ];
}
