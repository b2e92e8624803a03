import { makeEvent, TEST_TENANT } from '@stuurwiel/infra/testing';

/**
 * The events of one walk-in visitor at the stadhuis, queue burgerzaken: arriving, being called to
 * balie-1 and being served. `walkIn('V1').arrived('2026-04-28T09:30:00+02:00')`.
 */
export function walkIn(visitId: string, tenant = TEST_TENANT) {
  const visit = { visit_id: visitId, location_id: 'stadhuis', queue_id: 'burgerzaken' };
  const options = { tenant };
  return {
    arrived: (at: string | Date) => makeEvent('visit.arrived', at, { ...visit, kind: 'walk_in' }, options),
    called: (at: string | Date) => makeEvent('visit.called', at, { ...visit, desk_id: 'balie-1' }, options),
    served: (at: string | Date) => makeEvent('visit.finished', at, { ...visit, outcome: 'served' }, options),
  };
}

export type WalkInStep = keyof ReturnType<typeof walkIn>;
