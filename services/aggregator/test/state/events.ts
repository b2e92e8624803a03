import { type CanonicalEvent, type CanonicalEventInput, validateEvent } from '@stuurwiel/schemas';

export const TENANT = 'GM0363';

const SYSTEM: Record<string, 'queue_management' | 'telephony' | 'case_system' | 'reference'> = {
  visit: 'queue_management',
  desk: 'queue_management',
  call: 'telephony',
  callback: 'telephony',
  case: 'case_system',
  reference: 'reference',
};

/** A validated canonical event; `id` defaults to type + entity so tests can repeat it. */
export function event(
  type: CanonicalEventInput['type'],
  occurredAt: string,
  payload: Record<string, unknown>,
  id?: string,
): CanonicalEvent {
  const entity = String(
    payload.visit_id ??
      payload.call_id ??
      payload.callback_id ??
      payload.desk_id ??
      payload.case_id ??
      payload.date,
  );
  const result = validateEvent({
    spec_version: 1,
    event_id: id ?? `${type}.${entity}.${occurredAt.replace(/[^0-9]/g, '')}`,
    tenant: TENANT,
    source: { system: SYSTEM[type.split('.')[0]!], vendor: 'test' },
    occurred_at: occurredAt,
    type,
    payload,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.event;
}

/** Local time on 2 March 2026 (UTC+1) as an ISO instant with offset. */
export const at = (hhmmss: string) => `2026-03-02T${hhmmss}+01:00`;
/** The same instant in UTC as facts store it. */
export const utc = (hhmmss: string) => {
  const [h, m, s] = hhmmss.split(':').map(Number);
  return `2026-03-02T${String(h! - 1).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.000Z`;
};
