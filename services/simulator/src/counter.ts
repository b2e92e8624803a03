import type { MunicipalityConfig } from './config.js';
import { type LocalTime, withOffset } from './local-time.js';
import type { Timeline } from './records.js';
import type { Rng } from './rng.js';
import type { Scenarios } from './scenarios.js';
import { arrivalsPerMinute, isOpen } from './schedule.js';
import type { SurveyModel } from './survey.js';

type Location = MunicipalityConfig['locations'][number];
type Product = MunicipalityConfig['counter']['products'][number];

interface Visit {
  id: string;
  ticket: string;
  product: Product;
  queueId: string;
  arrivedAt: number;
  /** When the visit may be called: its arrival, or an appointment's start if later. */
  eligibleAt: number;
  appointment: boolean;
  transferred: boolean;
}

interface Desk {
  id: string;
  staff: string;
  open: boolean;
  freeAt: number;
}

const NO_SHOW_WAIT_MS = 90_000;
const BETWEEN_VISITS_MS = 30_000;
const COUNTER_NORM_MS = 10 * 60_000;

/**
 * The counters of one location as a Qmatic-style system reports them: desks open and close
 * with the opening hours, visitors arrive (walk-in, or about one in three by appointment),
 * the first free desk calls the visitor who may be called earliest, serves them for a time drawn
 * from the product's distribution, and ends the visit. After closing time the desks serve
 * whoever is still waiting, then close.
 */
export class LocationCounter {
  readonly #desks: Desk[];
  readonly #waiting: Visit[] = [];
  #sequence = 0;
  /** Tells this run's visit ids from an earlier run's (see Municipality.advance). */
  run = '';

  constructor(
    private readonly config: MunicipalityConfig,
    private readonly location: Location,
    private readonly rng: Rng,
    private readonly timeline: Timeline,
    private readonly scenarios: Scenarios,
    private readonly survey: SurveyModel,
  ) {
    this.#desks = Array.from({ length: location.desks }, (_, i) => ({
      id: `${location.id}-balie-${i + 1}`,
      staff: `medewerker-${location.id}-${i + 1}`,
      open: false,
      freeAt: 0,
    }));
  }

  get deskIds(): string[] {
    return this.#desks.map((d) => d.id);
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  get openDesks(): number {
    return this.#desks.filter((d) => d.open).length;
  }

  step(from: number, to: number, local: LocalTime, closingDay: boolean): void {
    const open = !closingDay && isOpen(this.location.opening_hours, local);
    const wanted = open
      ? this.location.desks - this.scenarios.desksClosed(this.location.id, local)
      : this.#waiting.length > 0
        ? this.openDesks
        : 0;
    this.#staff(from, wanted);
    if (open) this.#arrivals(from, to, local);
    this.#serve(to);
  }

  #emit(at: number, event: string, fields: Record<string, unknown>): void {
    this.timeline.add({
      source: 'qmatic',
      at,
      body: { event, eventTime: withOffset(at), branchId: this.location.id, ...fields },
    });
  }

  /** Opens or closes desks (the last opened close first) until `wanted` are open. */
  #staff(at: number, wanted: number): void {
    const queueIds = this.location.queues.map((q) => q.id);
    for (const desk of this.#desks) {
      const index = this.#desks.indexOf(desk);
      if (!desk.open && index < wanted) {
        desk.open = true;
        desk.freeAt = Math.max(desk.freeAt, at);
        this.#emit(desk.freeAt, 'SERVICE_POINT_OPEN', {
          servicePointId: desk.id,
          staffUserName: desk.staff,
          queueIds,
        });
      } else if (desk.open && index >= wanted) {
        desk.open = false;
        // A desk closes once its visitor is served.
        desk.freeAt = Math.max(desk.freeAt, at);
        this.#emit(desk.freeAt, 'SERVICE_POINT_CLOSE', {
          servicePointId: desk.id,
          staffUserName: desk.staff,
        });
      }
    }
  }

  #arrivals(from: number, to: number, local: LocalTime): void {
    const { counter } = this.config;
    const perMinute =
      arrivalsPerMinute(counter.visits_per_weekday, counter.pattern, this.location.opening_hours, local) *
      this.location.share;
    const count = this.rng.poisson((perMinute * (to - from)) / 60_000);
    const times = Array.from({ length: count }, () => this.rng.uniform(from, to)).sort((a, b) => a - b);
    for (const at of times) this.#arrive(Math.floor(at));
  }

  #arrive(at: number): void {
    const product = this.rng.weighted(this.config.counter.products, (p) => p.weight);
    const queue = this.location.queues.find((q) => q.products.includes(product.id));
    if (!queue) return; // this location does not offer the product; the resident goes elsewhere
    this.#sequence++;
    const appointment = this.rng.chance(this.config.counter.appointment_share);
    // Residents with an appointment come a few minutes early for a slot on the quarter hour.
    const slot = appointment ? Math.ceil((at + this.rng.uniform(0, 10) * 60_000) / 900_000) * 900_000 : at;
    const visit: Visit = {
      id: `${this.location.id}-${this.run}-${this.#sequence}`,
      ticket: `${queue.id.slice(0, 1).toUpperCase()}${String(this.#sequence % 1000).padStart(3, '0')}`,
      product,
      queueId: queue.id,
      arrivedAt: at,
      eligibleAt: Math.max(at, slot),
      appointment,
      transferred: false,
    };
    this.#waiting.push(visit);
    this.#emit(at, 'VISIT_CREATE', {
      visitId: visit.id,
      ticketId: visit.ticket,
      queueId: queue.id,
      services: [{ id: product.id, name: product.name }],
      ...(appointment ? { appointmentId: `AFS-${visit.id}`, appointmentTime: withOffset(slot) } : {}),
    });
    if (this.rng.chance(this.config.bad_record_share)) {
      // A call without its desk: the Qmatic adapter refuses it (servicePointId is required).
      this.#emit(at, 'VISIT_CALL', { visitId: visit.id, queueId: queue.id });
    }
  }

  /** Calls waiting visitors to free desks until no call falls before `until`. */
  #serve(until: number): void {
    for (;;) {
      const desk = this.#desks.filter((d) => d.open).sort((a, b) => a.freeAt - b.freeAt)[0];
      if (!desk || this.#waiting.length === 0) return;
      let next = 0;
      for (let i = 1; i < this.#waiting.length; i++) {
        if (this.#waiting[i]!.eligibleAt < this.#waiting[next]!.eligibleAt) next = i;
      }
      const visit = this.#waiting[next]!;
      const calledAt = Math.max(desk.freeAt, visit.eligibleAt);
      if (calledAt >= until) return;
      this.#waiting.splice(next, 1);
      this.#call(desk, visit, calledAt);
    }
  }

  #call(desk: Desk, visit: Visit, calledAt: number): void {
    this.#emit(calledAt, 'VISIT_CALL', {
      visitId: visit.id,
      ticketId: visit.ticket,
      queueId: visit.queueId,
      servicePointId: desk.id,
      staffUserName: desk.staff,
    });
    if (visit.appointment && !visit.transferred && this.rng.chance(this.config.counter.no_show_share)) {
      desk.freeAt = calledAt + NO_SHOW_WAIT_MS;
      this.#emit(desk.freeAt, 'VISIT_NOSHOW', { visitId: visit.id, queueId: visit.queueId });
      return;
    }
    const served =
      calledAt +
      this.rng.logNormal(visit.product.service_minutes.median, visit.product.service_minutes.p90) * 60_000;
    const end = Math.round(served);
    desk.freeAt = end + BETWEEN_VISITS_MS;
    const others = this.location.queues.filter((q) => q.id !== visit.queueId);
    if (!visit.transferred && others.length > 0 && this.rng.chance(this.config.counter.transfer_share)) {
      const target = this.rng.pick(others);
      this.#emit(end, 'VISIT_TRANSFER_TO_QUEUE', {
        visitId: visit.id,
        queueId: visit.queueId,
        targetQueueId: target.id,
        servicePointId: desk.id,
      });
      this.#waiting.push({ ...visit, queueId: target.id, eligibleAt: end, transferred: true });
      return;
    }
    this.#emit(end, 'VISIT_END', {
      visitId: visit.id,
      queueId: visit.queueId,
      servicePointId: desk.id,
      services: [{ id: visit.product.id, name: visit.product.name }],
    });
    this.survey.contact({
      channel: 'counter',
      at: end,
      waitAgainstNorm: (calledAt - visit.eligibleAt) / COUNTER_NORM_MS,
      product: visit.product.id,
      location: this.location.id,
      team: 'publiekszaken',
    });
  }
}
