import { v5 as uuidv5 } from 'uuid';

/** Fixed UUID v5 namespace of stuurwiel event ids; changing it would change every derived id. */
export const STUURWIEL_EVENT_NAMESPACE = '0b6dc862-1fee-46b0-bcef-1c261aab6260';

/**
 * Derives an event id from the source system's own identifiers, so that re-reading or re-sending the
 * same source record always yields the same id and duplicates can be dropped downstream.
 *
 * Pass whatever identifies the event (not only the entity) in the source, e.g.
 * `deriveEventId('GM0363', 'qmatic', 'visit', 81234, 'called', 2)`. Each part is length-prefixed before
 * hashing, so ('a', 'bc') and ('ab', 'c') never collide; a number and its decimal string are the same id.
 */
export function deriveEventId(tenant: string, vendor: string, ...sourceIds: (string | number)[]): string {
  if (sourceIds.length === 0) {
    // Without a source identifier every event of a vendor would share one id and all but one be dropped.
    throw new RangeError('deriveEventId needs at least one source identifier');
  }
  const name = [tenant, vendor, ...sourceIds].map((part) => {
    const text = String(part);
    return `${text.length}:${text}`;
  });
  return uuidv5(name.join(''), STUURWIEL_EVENT_NAMESPACE);
}
