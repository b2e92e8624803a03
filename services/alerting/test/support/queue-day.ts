import { makeEvent, type PayloadInput } from '@stuurwiel/infra/testing';
import type { CanonicalEvent, EventType } from '@stuurwiel/schemas';
import { TENANT } from './stack.js';

export const LOCATION = 'stadhuis';
export const QUEUE = 'balie';

export interface Visit {
  id: string;
  arrival: number;
  called: number;
  finished: number;
  desk: string;
}

/** A desk: open from `open` up to `close` (minutes), serving one visitor every `serviceMinutes`. */
export interface Desk {
  id: string;
  open: number;
  close?: number;
  serviceMinutes: number;
}

/**
 * First come, first served at the desks that are open: the waits a real counter would see, worked
 * out in the test so that "the first visitor who waits longer than the norm" is known by hand.
 */
export function simulateQueue(arrivals: readonly number[], desks: readonly Desk[]): Visit[] {
  const freeAt = new Map(desks.map((d) => [d.id, d.open]));
  return arrivals.map((arrival, i) => {
    let best: Desk | undefined;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const d of desks) {
      const at = Math.max(arrival, freeAt.get(d.id)!);
      if (d.close !== undefined && at >= d.close) continue;
      if (at < bestAt) {
        best = d;
        bestAt = at;
      }
    }
    const finished = bestAt + best!.serviceMinutes;
    freeAt.set(best!.id, finished);
    return { id: `v${String(i + 1).padStart(3, '0')}`, arrival, called: bestAt, finished, desk: best!.id };
  });
}

export interface TimedEvent {
  minute: number;
  event: CanonicalEvent;
}

/** The canonical events of a simulated morning, in event-time order, at minutes after `start`. */
export function queueEvents(start: Date, visits: readonly Visit[], desks: readonly Desk[]): TimedEvent[] {
  const at = (m: number) => new Date(start.getTime() + m * 60_000);
  const out: TimedEvent[] = [];
  const push = <T extends EventType>(minute: number, type: T, payload: PayloadInput<T>) =>
    out.push({ minute, event: makeEvent(type, at(minute), payload, { tenant: TENANT }) });
  for (const d of desks)
    push(d.open, 'desk.opened', { location_id: LOCATION, desk_id: d.id, queue_ids: [QUEUE] });
  for (const v of visits) {
    push(v.arrival, 'visit.arrived', {
      visit_id: v.id,
      location_id: LOCATION,
      queue_id: QUEUE,
      kind: 'walk_in',
    });
    push(v.called, 'visit.called', {
      visit_id: v.id,
      location_id: LOCATION,
      queue_id: QUEUE,
      desk_id: v.desk,
    });
    push(v.finished, 'visit.finished', {
      visit_id: v.id,
      location_id: LOCATION,
      queue_id: QUEUE,
      desk_id: v.desk,
      outcome: 'served',
    });
  }
  // Stable: at one instant, arrivals before calls before finishes, as the counter does them.
  return out.sort((a, b) => a.minute - b.minute);
}
