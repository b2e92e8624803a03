import { z } from 'zod';
import type { MunicipalityConfig } from './config.js';
import { clockMinutes, type LocalTime } from './local-time.js';

/**
 * Disturbances that make stuurwiel's alerts fire, each on every simulated day while selected:
 *
 * - desk-closure: from 09:30 to 11:30, at the morning peak, the largest location closes 40 % of
 *   its desks (at least one): arrivals outgrow the desks left, so the counter forecast warns
 *   before the wait passes the norm.
 * - sick-day: the case teams work at a quarter of their strength all day, so the backlog grows and
 *   cases near their deadline pile up (deadline alerts).
 * - phone-silent: from 10:30 to 11:30 the telephone exchange writes nothing to its queue_log
 *   (calls still happen, nobody hears of them): the quiet-source alert.
 */
export const SCENARIO_NAMES = ['desk-closure', 'sick-day', 'phone-silent'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];
export const scenarioName = z.enum(SCENARIO_NAMES);

const DESK_CLOSURE = { from: clockMinutes('09:30'), to: clockMinutes('11:30'), share: 0.4 };
const PHONE_SILENT = { from: clockMinutes('10:30'), to: clockMinutes('11:30') };
const SICK_DAY_STRENGTH = 0.25;

const within = (at: LocalTime, window: { from: number; to: number }) =>
  window.from <= at.minute && at.minute < window.to;

export class Scenarios {
  readonly #active: ReadonlySet<ScenarioName>;
  readonly #closingLocation: string;
  readonly #closingDesks: number;

  constructor(names: readonly ScenarioName[], config: MunicipalityConfig) {
    this.#active = new Set(names);
    const largest = config.locations.reduce((a, b) => (b.desks > a.desks ? b : a));
    this.#closingLocation = largest.id;
    this.#closingDesks = Math.max(1, Math.ceil(largest.desks * DESK_CLOSURE.share));
  }

  has(name: ScenarioName): boolean {
    return this.#active.has(name);
  }

  /** Desks of a location the scenario keeps closed at this time. */
  desksClosed(locationId: string, at: LocalTime): number {
    if (!this.has('desk-closure') || locationId !== this.#closingLocation) return 0;
    return within(at, DESK_CLOSURE) ? this.#closingDesks : 0;
  }

  /** Share of their usual strength the case teams work at. */
  caseStrength(_at: LocalTime): number {
    return this.has('sick-day') ? SICK_DAY_STRENGTH : 1;
  }

  /** Whether the exchange writes nothing at this time. */
  phoneSilent(at: LocalTime): boolean {
    return this.has('phone-silent') && within(at, PHONE_SILENT);
  }
}
