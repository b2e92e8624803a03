/**
 * The golden day: a seeded, deterministic day of canonical events for two municipalities, to push
 * through the real Kafka and ClickHouse and compare with the plain reference (reference.ts).
 *
 * Default day: Tuesday 2026-04-28, the first working day after King's Day (Monday 27 April 2026),
 * so that callbacks, written contacts and cases whose deadlines run over the holiday move by a day.
 *
 * What is in it (per tenant, scaled by `scale`):
 * - reference data (tenant with population, locations, queues, desks, products, case types, norms);
 * - counter: two locations × two queues, desks opening, pausing for lunch and closing; walk-ins
 *   and appointments (early and late arrivals, appointment.booked days before, appointment
 *   no-shows and cancellations); called visitors who do not come (no_show, after a recall),
 *   recalls before service, visitors who left or were removed while waiting, transfers while
 *   waiting and transfers after a call to the other queue (called again there);
 * - phone: a 14+ line with one or two menu choices, queues, answers with talk/hold/after-call work,
 *   abandons in the menu and in the queue (some under 5 s), blocked calls (closed, capacity),
 *   queue-to-queue transfers while waiting, transfers out before an answer, transfers to another
 *   agent after the answer; callbacks requested before and on the day (2 working days), some
 *   completed on the day;
 * - cases: a backlog started over the previous weeks with calendar- and working-day norms, status
 *   changes, suspensions (closed and still open), extensions, closures before and on the day;
 * - written contacts received before and on the day, acknowledged and answered;
 * - survey responses on 1–5 and 1–10 scales.
 *
 * Times are Europe/Amsterdam with explicit offsets, in whole seconds. About 3 % of the events are
 * emitted up to 30 s late (the array order is by emission time, occurred_at unchanged), so the
 * events of one entity are sometimes out of order.
 */
import { makeEvent, type SeededRandom, seededRandom } from '@stuurwiel/infra/testing';
import { type CanonicalEvent, deriveEventId } from '@stuurwiel/schemas';
import { addDays, formatLocal, isWorkingDay, localMs, MS_DAY, MS_HOUR, MS_MINUTE, weekday } from './time.js';

export const GOLDEN_DAY = '2026-04-28';
export const GOLDEN_TENANTS = ['GM0363', 'GM0014'] as const;

export interface GoldenDayOptions {
  seed?: number;
  /** YYYY-MM-DD, a working day (default 2026-04-28, the day after King's Day). */
  day?: string;
  /** Size factor; 1 gives about 30,000 events. */
  scale?: number;
}

export interface GoldenDay {
  events: CanonicalEvent[];
  day: string;
  tenants: string[];
  /** 10:30, 14:05 and 17:45 local on the day, then 23:59:59 local (end of the day, for rollups too). */
  evaluationTimes: string[];
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

// The shared seeded generator: the same seed gives the same day.
type Rng = SeededRandom;

// ---------------------------------------------------------------------------------------------
// Tenant setup

interface LocationSetup {
  id: string;
  name: string;
  queues: { id: string; name: string; products: string[] }[];
  /** Desks; `queues` are indexes into the location's queues. */
  desks: { id: string; queues: number[]; open: [number, number]; close: [number, number]; lunch: boolean }[];
  /** Walk-ins and appointments over the day before scaling. */
  walkIns: number;
  appointments: number;
}

interface TenantSetup {
  tenant: string;
  name: string;
  population: number;
  province: 'noord-holland' | 'groningen';
  sizeClass: 'gte_250k' | '100k_250k';
  locations: LocationSetup[];
  line: string;
  phoneQueues: { id: string; name: string; choice: string }[];
  agents: number;
  calls: number;
  cases: number;
  written: number;
  /** Surveys: counter scale and phone scale. */
  counterScale: 5 | 10;
  phoneScale: 5 | 10;
  writtenAnswerNorm: number | null;
}

const PRODUCTS: { id: string; name: string }[] = [
  { id: 'paspoort', name: 'Paspoort' },
  { id: 'id-kaart', name: 'Identiteitskaart' },
  { id: 'rijbewijs', name: 'Rijbewijs' },
  { id: 'verhuizing', name: 'Verhuizing doorgeven' },
  { id: 'uittreksel-brp', name: 'Uittreksel BRP' },
  { id: 'huwelijk', name: 'Huwelijk of partnerschap' },
];

const REISDOC = ['paspoort', 'id-kaart', 'rijbewijs'];
const BRP = ['verhuizing', 'uittreksel-brp', 'huwelijk'];

function desks(
  prefix: string,
  n: number,
  queueSets: number[][],
): { id: string; queues: number[]; open: [number, number]; close: [number, number]; lunch: boolean }[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: `${prefix}-balie-${i + 1}`,
      queues: queueSets[i % queueSets.length]!,
      open: [8, 25 + (i % 3) * 5] as [number, number],
      // The first two desks stay until the queue is empty; the others close earlier.
      close: (i < 2 ? [17, 0] : i % 2 === 0 ? [16, 30] : [15, 45]) as [number, number],
      lunch: i >= 2,
    });
  }
  return out;
}

function setups(): TenantSetup[] {
  return [
    {
      tenant: 'GM0363',
      name: 'Amsterdam',
      population: 931_298,
      province: 'noord-holland',
      sizeClass: 'gte_250k',
      line: '14020',
      locations: [
        {
          id: 'stadsloket-centrum',
          name: 'Stadsloket Centrum',
          queues: [
            { id: 'centrum-reisdocumenten', name: 'Reisdocumenten', products: REISDOC },
            { id: 'centrum-burgerzaken', name: 'Burgerzaken', products: BRP },
          ],
          desks: desks('centrum', 8, [[0, 1], [0], [1], [0], [0, 1], [1], [0], [0, 1]]),
          walkIns: 330,
          appointments: 220,
        },
        {
          id: 'stadsloket-zuidoost',
          name: 'Stadsloket Zuidoost',
          queues: [
            { id: 'zuidoost-reisdocumenten', name: 'Reisdocumenten', products: REISDOC },
            { id: 'zuidoost-burgerzaken', name: 'Burgerzaken', products: BRP },
          ],
          desks: desks('zuidoost', 6, [[0, 1], [1], [0], [0, 1], [0], [1]]),
          walkIns: 200,
          appointments: 140,
        },
      ],
      phoneQueues: [
        { id: 'kcc-algemeen', name: 'Algemeen', choice: '1' },
        { id: 'kcc-burgerzaken', name: 'Burgerzaken', choice: '2' },
        { id: 'kcc-belastingen', name: 'Belastingen', choice: '3' },
      ],
      agents: 42,
      calls: 2600,
      cases: 1300,
      written: 900,
      counterScale: 5,
      phoneScale: 10,
      writtenAnswerNorm: 3,
    },
    {
      tenant: 'GM0014',
      name: 'Groningen',
      population: 243_768,
      province: 'groningen',
      sizeClass: '100k_250k',
      line: '14050',
      locations: [
        {
          id: 'stadhuis',
          name: 'Stadhuis',
          queues: [
            { id: 'stadhuis-reisdocumenten', name: 'Reisdocumenten', products: REISDOC },
            { id: 'stadhuis-burgerzaken', name: 'Burgerzaken', products: BRP },
          ],
          desks: desks('stadhuis', 4, [[0, 1], [0], [1], [0]]),
          walkIns: 170,
          appointments: 110,
        },
        {
          id: 'loket-haren',
          name: 'Loket Haren',
          queues: [
            { id: 'haren-reisdocumenten', name: 'Reisdocumenten', products: REISDOC },
            { id: 'haren-burgerzaken', name: 'Burgerzaken', products: BRP },
          ],
          desks: desks('haren', 3, [[0, 1], [0, 1], [1]]),
          walkIns: 90,
          appointments: 70,
        },
      ],
      phoneQueues: [
        { id: 'kcc-algemeen', name: 'Algemeen', choice: '1' },
        { id: 'kcc-burgerzaken', name: 'Burgerzaken', choice: '2' },
      ],
      agents: 15,
      calls: 1000,
      cases: 450,
      written: 320,
      counterScale: 10,
      phoneScale: 10,
      writtenAnswerNorm: null,
    },
  ];
}

interface CaseTypeSetup {
  id: string;
  name: string;
  norm: { target: number; unit: 'calendar_days' | 'working_days' };
  team: string;
  extension: boolean;
  share: number;
}

const CASE_TYPES: CaseTypeSetup[] = [
  {
    id: 'omgevingsvergunning',
    name: 'Omgevingsvergunning regulier',
    norm: { target: 56, unit: 'calendar_days' },
    team: 'team-vergunningen',
    extension: true,
    share: 0.15,
  },
  {
    id: 'bezwaarschrift',
    name: 'Bezwaarschrift',
    norm: { target: 42, unit: 'calendar_days' },
    team: 'team-juridisch',
    extension: true,
    share: 0.1,
  },
  {
    id: 'wmo-melding',
    name: 'Wmo-melding',
    norm: { target: 42, unit: 'calendar_days' },
    team: 'team-wmo',
    extension: false,
    share: 0.15,
  },
  {
    id: 'melding-openbare-ruimte',
    name: 'Melding openbare ruimte',
    norm: { target: 5, unit: 'working_days' },
    team: 'team-mor',
    extension: false,
    share: 0.35,
  },
  {
    id: 'parkeervergunning',
    name: 'Parkeervergunning',
    norm: { target: 10, unit: 'working_days' },
    team: 'team-burgerzaken',
    extension: true,
    share: 0.15,
  },
  {
    id: 'uittreksel-schriftelijk',
    name: 'Schriftelijk uittreksel',
    norm: { target: 5, unit: 'working_days' },
    team: 'team-burgerzaken',
    extension: false,
    share: 0.1,
  },
];

// ---------------------------------------------------------------------------------------------
// Event building

interface Draft {
  event: CanonicalEvent;
  /** occurred_at as epoch ms. */
  at: number;
  /** Emission time (at, or up to 30 s later for a shuffled event). */
  emit: number;
  /** Global creation order, for stable sorting. */
  seq: number;
}

type System = CanonicalEvent['source']['system'];

class Builder {
  readonly drafts: Draft[] = [];
  private seq = 0;
  constructor(
    readonly tenant: string,
    private readonly vendors: Record<System, string>,
  ) {}

  add<T extends CanonicalEvent['type']>(
    type: T,
    system: System,
    at: number,
    ids: (string | number)[],
    payload: Extract<CanonicalEvent, { type: T }>['payload'],
  ): void {
    const vendor = this.vendors[system];
    // Validated, so that the golden day can hold no event a connector could not send.
    const event = makeEvent(type, formatLocal(at), payload, {
      tenant: this.tenant,
      event_id: deriveEventId(this.tenant, vendor, ...ids),
      source: { system, vendor },
    });
    this.drafts.push({ event, at, emit: at, seq: this.seq++ });
  }
}

const VENDORS: Record<string, Record<System, string>> = {
  GM0363: {
    queue_management: 'qmatic',
    appointments: 'qmatic',
    telephony: 'asterisk',
    case_system: 'openzaak',
    survey: 'kto-panel',
    written: 'dms',
    reference: 'stuurwiel-admin',
  },
  GM0014: {
    queue_management: 'jcc',
    appointments: 'jcc',
    telephony: 'asterisk',
    case_system: 'openzaak',
    survey: 'kto-panel',
    written: 'dms',
    reference: 'stuurwiel-admin',
  },
};

// ---------------------------------------------------------------------------------------------
// Reference data

function referenceEvents(b: Builder, s: TenantSetup, at: number): void {
  b.add('reference.tenant', 'reference', at, ['tenant'], {
    name: s.name,
    population: s.population,
    province: s.province,
    size_class: s.sizeClass,
  });
  for (const loc of s.locations) {
    b.add('reference.location', 'reference', at, ['location', loc.id], {
      location_id: loc.id,
      name: loc.name,
    });
    for (const q of loc.queues) {
      b.add('reference.queue', 'reference', at, ['queue', q.id], {
        queue_id: q.id,
        name: `${loc.name} ${q.name}`,
        channel: 'counter',
        location_id: loc.id,
      });
    }
    for (const d of loc.desks) {
      b.add('reference.desk', 'reference', at, ['desk', d.id], {
        desk_id: d.id,
        location_id: loc.id,
        name: d.id,
      });
    }
  }
  for (const q of s.phoneQueues) {
    b.add('reference.queue', 'reference', at, ['queue', q.id], {
      queue_id: q.id,
      name: `KCC ${q.name}`,
      channel: 'phone',
    });
  }
  for (const p of PRODUCTS) {
    b.add('reference.product', 'reference', at, ['product', p.id], { product_id: p.id, name: p.name });
  }
  for (const ct of CASE_TYPES) {
    b.add('reference.case_type', 'reference', at, ['case_type', ct.id], {
      case_type_id: ct.id,
      name: ct.name,
      lead_time_norm: ct.norm,
      extension_allowed: ct.extension,
      ...(ct.extension ? { max_extension: { target: 30, unit: 'working_days' as const } } : {}),
    });
  }
  b.add('reference.norm', 'reference', at, ['norm', 'phone-service-level'], {
    norm_id: 'phone-service-level',
    kpi: 'phone_service_level',
    target: 30,
    unit: 'seconds',
    warning_horizon: { target: 10, unit: 'seconds' },
    share: 0.8,
    scope: { kind: 'tenant' },
  });
  b.add('reference.norm', 'reference', at, ['norm', 'counter-wait'], {
    norm_id: 'counter-wait',
    kpi: 'counter_wait',
    target: 10,
    unit: 'minutes',
    warning_horizon: { target: 2, unit: 'minutes' },
    share: 0.8,
    scope: { kind: 'tenant' },
  });
  b.add('reference.norm', 'reference', at, ['norm', 'callback-due'], {
    norm_id: 'callback-due',
    kpi: 'callback_due',
    target: 2,
    unit: 'working_days',
    warning_horizon: { target: 1, unit: 'working_days' },
    scope: { kind: 'tenant' },
  });
  if (s.writtenAnswerNorm !== null) {
    b.add('reference.norm', 'reference', at, ['norm', 'written-answer'], {
      norm_id: 'written-answer',
      kpi: 'written_answer',
      target: s.writtenAnswerNorm,
      unit: 'working_days',
      warning_horizon: { target: 1, unit: 'working_days' },
      scope: { kind: 'tenant' },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Counter

interface Visitor {
  id: string;
  loc: LocationSetup;
  queue: number;
  kind: 'walk_in' | 'appointment';
  arrival: number;
  apptStart: number | null;
  apptId: string | null;
  products: string[];
  /** Walk-in gives up after this many ms of waiting (Infinity: never). */
  patience: number;
  /** Removed by staff at this time if still waiting. */
  removeAt: number | null;
  /** Transferred while waiting to the other queue at this time, if still waiting. */
  moveAt: number | null;
  noShow: boolean;
  recall: boolean;
  transferAfter: boolean;
  /** Call order key: appointment start, or arrival (re-queue: transfer time). */
  priority: number;
  eligible: number;
  // state
  phase: 'pending' | 'waiting' | 'done' | 'transferred';
  seqNo: number;
  served: number;
}

function counterDay(b: Builder, s: TenantSetup, day: string, rng: Rng, scale: number, surveys: SurveyPlan[]) {
  for (const loc of s.locations) {
    const visitors: Visitor[] = [];
    const openMs = localMs(day, 8, 30);
    const lastArrival = localMs(day, 16, 30);
    // Walk-ins: more in the morning, a peak around 11:00 and 14:00.
    const walkIns = Math.round(loc.walkIns * scale);
    for (let i = 0; i < walkIns; i++) {
      let t: number;
      do {
        const u = rng.float();
        const peak = rng.chance(0.5) ? localMs(day, 11) : localMs(day, 14);
        t =
          u < 0.6 ? openMs + rng.float() * (lastArrival - openMs) : peak + (rng.float() - 0.5) * 3 * MS_HOUR;
      } while (t < openMs || t > lastArrival);
      t = Math.floor(t / 1000) * 1000;
      const queue = rng.chance(0.55) ? 0 : 1;
      visitors.push(
        newVisitor(rng, loc, `${loc.id}-W${String(i + 1).padStart(4, '0')}`, queue, 'walk_in', t, null, null),
      );
    }
    // Appointments in 10-minute slots from 08:40 to 16:20, a few per slot.
    const appointments = Math.round(loc.appointments * scale);
    for (let i = 0; i < appointments; i++) {
      const slot = rng.int(0, 46);
      const start = localMs(day, 8, 40) + slot * 10 * MS_MINUTE;
      const apptId = `${loc.id}-A${String(i + 1).padStart(4, '0')}`;
      const queue = rng.chance(0.6) ? 0 : 1;
      const booked = start - rng.int(1, 20) * MS_DAY + rng.int(-4 * 3600, 4 * 3600) * 1000;
      b.add('appointment.booked', 'appointments', booked, ['appointment', apptId, 'booked'], {
        appointment_id: apptId,
        location_id: loc.id,
        products: [rng.pick(loc.queues[queue]!.products)],
        start: formatLocal(start),
        end: formatLocal(start + 10 * MS_MINUTE),
        booked_via: rng.pick(['online', 'online', 'online', 'phone', 'counter'] as const),
      });
      const fate = rng.float();
      if (fate < 0.05) {
        b.add(
          'appointment.cancelled',
          'appointments',
          booked + rng.int(1, 20) * MS_HOUR,
          ['appointment', apptId, 'cancelled'],
          {
            appointment_id: apptId,
            cancelled_by: 'customer',
          },
        );
        continue;
      }
      if (fate < 0.11) {
        b.add(
          'appointment.no_show',
          'appointments',
          start + 30 * MS_MINUTE,
          ['appointment', apptId, 'no_show'],
          {
            appointment_id: apptId,
          },
        );
        continue;
      }
      // Most arrive 0–15 minutes early, some late (up to 12 minutes).
      const offset = rng.chance(0.2) ? rng.int(30, 720) : -rng.int(0, 900);
      const arrival = start + offset * 1000;
      visitors.push(
        newVisitor(
          rng,
          loc,
          `${loc.id}-T${String(i + 1).padStart(4, '0')}`,
          queue,
          'appointment',
          arrival,
          start,
          apptId,
        ),
      );
    }
    simulateLocation(b, loc, day, rng, visitors, surveys, s);
  }
}

function newVisitor(
  rng: Rng,
  loc: LocationSetup,
  id: string,
  queue: number,
  kind: 'walk_in' | 'appointment',
  arrival: number,
  apptStart: number | null,
  apptId: string | null,
): Visitor {
  const products = [rng.pick(loc.queues[queue]!.products)];
  if (rng.chance(0.15)) products.push(rng.pick(loc.queues[queue]!.products));
  const gives = kind === 'walk_in' && rng.chance(0.12);
  return {
    id,
    loc,
    queue,
    kind,
    arrival,
    apptStart,
    apptId,
    products: [...new Set(products)],
    patience: gives ? rng.int(4 * 60, 35 * 60) * 1000 : Number.POSITIVE_INFINITY,
    removeAt: kind === 'walk_in' && rng.chance(0.01) ? arrival + rng.int(60, 900) * 1000 : null,
    moveAt: kind === 'walk_in' && rng.chance(0.06) ? arrival + rng.int(30, 300) * 1000 : null,
    noShow: rng.chance(0.03),
    recall: rng.chance(0.06),
    transferAfter: rng.chance(0.05),
    priority: apptStart ?? arrival,
    eligible: apptStart === null ? arrival : Math.max(arrival, apptStart - 120_000),
    phase: 'pending',
    seqNo: 0,
    served: 0,
  };
}

function simulateLocation(
  b: Builder,
  loc: LocationSetup,
  day: string,
  rng: Rng,
  visitors: Visitor[],
  surveys: SurveyPlan[],
  s: TenantSetup,
): void {
  visitors.sort((x, y) => x.arrival - y.arrival || (x.id < y.id ? -1 : 1));
  const start = localMs(day, 8, 0);
  const hardEnd = localMs(day, 20, 0);
  const deskState = loc.desks.map((d) => ({
    setup: d,
    open: false,
    busyUntil: 0,
    openAt: localMs(day, d.open[0], d.open[1]) + rng.int(0, 120) * 1000,
    closeAt: localMs(day, d.close[0], d.close[1]),
    lunchFrom: d.lunch ? localMs(day, 12, 0) + rng.int(0, 60) * 60_000 : null,
    lunchTo: 0,
    inLunch: false,
    staff: `staff-${rng.hex(12)}`,
    closed: false,
  }));
  for (const d of deskState) if (d.lunchFrom !== null) d.lunchTo = d.lunchFrom + rng.int(30, 45) * 60_000;

  const waiting: Visitor[] = [];
  let next = 0;
  const queueIds = loc.queues.map((q) => q.id);
  const ids = (v: Visitor, what: string) => ['visit', v.id, what, ++v.seqNo];

  const openDesk = (d: (typeof deskState)[number], t: number) => {
    d.open = true;
    b.add('desk.opened', 'queue_management', t, ['desk', d.setup.id, 'opened', t], {
      location_id: loc.id,
      desk_id: d.setup.id,
      queue_ids: d.setup.queues.map((i) => queueIds[i]!),
      staff_key: d.staff,
    });
  };
  const closeDesk = (d: (typeof deskState)[number], t: number) => {
    d.open = false;
    b.add('desk.closed', 'queue_management', t, ['desk', d.setup.id, 'closed', t], {
      location_id: loc.id,
      desk_id: d.setup.id,
    });
  };

  for (let t = start; t <= hardEnd; t += 1000) {
    // Arrivals.
    while (next < visitors.length && visitors[next]!.arrival <= t) {
      const v = visitors[next++]!;
      v.phase = 'waiting';
      waiting.push(v);
      b.add('visit.arrived', 'queue_management', v.arrival, ids(v, 'arrived'), {
        visit_id: v.id,
        location_id: loc.id,
        queue_id: queueIds[v.queue]!,
        kind: v.kind,
        ...(v.kind === 'appointment'
          ? { appointment_id: v.apptId!, appointment_start: formatLocal(v.apptStart!) }
          : {}),
        products: v.products,
        ticket: `${v.queue === 0 ? 'R' : 'B'}${String(next).padStart(3, '0')}`,
      });
    }
    // Waiting visitors who give up, are removed or move queue.
    for (let i = waiting.length - 1; i >= 0; i--) {
      const v = waiting[i]!;
      if (v.served === 0 && v.moveAt !== null && t >= v.moveAt) {
        const from = v.queue;
        v.queue = 1 - from;
        v.moveAt = null;
        b.add('visit.transferred', 'queue_management', t, ids(v, 'transferred'), {
          visit_id: v.id,
          location_id: loc.id,
          from_queue_id: queueIds[from]!,
          to: { kind: 'queue', id: queueIds[v.queue]! },
        });
      }
      const gaveUp = v.served === 0 && t - v.arrival >= v.patience;
      const removed = v.served === 0 && v.removeAt !== null && t >= v.removeAt;
      if (gaveUp || removed) {
        waiting.splice(i, 1);
        v.phase = 'done';
        b.add('visit.finished', 'queue_management', t, ids(v, 'finished'), {
          visit_id: v.id,
          location_id: loc.id,
          queue_id: queueIds[v.queue]!,
          outcome: removed ? 'removed' : 'left',
          products: [],
        });
      }
    }
    // Desks.
    const anyoneLeft = next < visitors.length || waiting.length > 0;
    for (const d of deskState) {
      if (d.closed) continue;
      if (!d.open) {
        if (t >= d.closeAt && !(d.setup.close[0] === 17 && anyoneLeft)) {
          d.closed = true;
          continue;
        }
        if (t >= d.openAt && t < d.closeAt && !(d.inLunch && t < d.lunchTo)) {
          if (d.inLunch) d.inLunch = false;
          openDesk(d, Math.max(t, d.busyUntil));
        }
        continue;
      }
      if (t < d.busyUntil) continue;
      // Lunch break: close, reopen later.
      if (d.lunchFrom !== null && !d.inLunch && t >= d.lunchFrom && t < d.lunchTo) {
        d.inLunch = true;
        d.lunchFrom = null;
        closeDesk(d, t);
        continue;
      }
      const stays = d.setup.close[0] === 17 && anyoneLeft;
      if (t >= d.closeAt && !stays) {
        closeDesk(d, t);
        d.closed = true;
        continue;
      }
      // Call the next eligible visitor of this desk's queues.
      let best = -1;
      for (let i = 0; i < waiting.length; i++) {
        const v = waiting[i]!;
        if (!d.setup.queues.includes(v.queue) || v.eligible > t) continue;
        if (best < 0 || v.priority < waiting[best]!.priority) best = i;
      }
      if (best < 0) continue;
      const v = waiting.splice(best, 1)[0]!;
      d.busyUntil = serve(b, rng, v, d.setup.id, d.staff, t, queueIds, loc, waiting, ids, surveys, s);
    }
    if (next >= visitors.length && waiting.length === 0 && deskState.every((x) => x.closed)) break;
  }
}

function serve(
  b: Builder,
  rng: Rng,
  v: Visitor,
  deskId: string,
  staff: string,
  t: number,
  queueIds: string[],
  loc: LocationSetup,
  waiting: Visitor[],
  ids: (v: Visitor, what: string) => (string | number)[],
  surveys: SurveyPlan[],
  s: TenantSetup,
): number {
  const second = v.served > 0;
  v.served += 1;
  const call = (at: number, recall: boolean) =>
    b.add('visit.called', 'queue_management', at, ids(v, 'called'), {
      visit_id: v.id,
      location_id: loc.id,
      queue_id: queueIds[v.queue]!,
      desk_id: deskId,
      staff_key: staff,
      recall,
    });
  call(t, false);
  let at = t;
  if (!second && (v.recall || v.noShow)) {
    at += rng.int(40, 90) * 1000;
    call(at, true);
  }
  if (!second && v.noShow) {
    const end = at + rng.int(60, 150) * 1000;
    v.phase = 'done';
    b.add('visit.finished', 'queue_management', end, ids(v, 'finished'), {
      visit_id: v.id,
      location_id: loc.id,
      queue_id: queueIds[v.queue]!,
      desk_id: deskId,
      outcome: 'no_show',
      products: [],
    });
    return end + rng.int(10, 30) * 1000;
  }
  const service = Math.round(Math.max(90, Math.min(1800, 120 + rng.exp(180)))) * 1000;
  const end = at + service;
  if (!second && v.transferAfter) {
    // Sent on to the other queue of the location; called again there.
    const from = v.queue;
    v.queue = 1 - from;
    v.priority = end;
    v.eligible = end;
    b.add('visit.transferred', 'queue_management', end, ids(v, 'transferred'), {
      visit_id: v.id,
      location_id: loc.id,
      from_queue_id: queueIds[from]!,
      to: { kind: 'queue', id: queueIds[v.queue]! },
    });
    v.phase = 'transferred';
    waiting.push(v);
    return end + rng.int(20, 60) * 1000;
  }
  v.phase = 'done';
  b.add('visit.finished', 'queue_management', end, ids(v, 'finished'), {
    visit_id: v.id,
    location_id: loc.id,
    queue_id: queueIds[v.queue]!,
    desk_id: deskId,
    outcome: 'served',
    products: v.products,
  });
  if (rng.chance(0.14)) {
    surveys.push({
      at: end + rng.int(5, 240) * MS_MINUTE,
      channel: 'counter',
      location: loc.id,
      team: `team-publiekszaken-${loc.id}`,
      product: v.products[0]!,
      scale: s.counterScale,
    });
  }
  return end + rng.int(20, 90) * 1000;
}

// ---------------------------------------------------------------------------------------------
// Phone

interface Caller {
  id: string;
  offered: number;
  queue: number;
  patience: number;
  menuAbandon: boolean;
  twoChoices: boolean;
  moveAfter: number | null;
  externalAfter: number | null;
  agentTransfer: boolean;
  callback: boolean;
  callerKey: string;
  // state
  queuedAt: number;
  currentQueue: number;
  seqNo: number;
}

function phoneDay(b: Builder, s: TenantSetup, day: string, rng: Rng, scale: number, surveys: SurveyPlan[]) {
  const n = Math.round(s.calls * scale);
  const callerKeys: string[] = [];
  for (let i = 0; i < Math.max(1, Math.round(n * 0.8)); i++) callerKeys.push(rng.hex(32));
  const open = localMs(day, 8, 0);
  const close = localMs(day, 17, 0);
  const calls: Caller[] = [];
  for (let i = 0; i < n; i++) {
    let t: number;
    const u = rng.float();
    if (u < 0.01) t = localMs(day, 7, 40) + rng.int(0, 20 * 60 - 1) * 1000;
    else if (u < 0.02) t = close + rng.int(0, 30 * 60) * 1000;
    else {
      do {
        t = rng.chance(0.35)
          ? localMs(day, 10) + (rng.float() + rng.float() + rng.float() - 1.5) * 3 * MS_HOUR
          : open + rng.float() * (close - open);
      } while (t < open || t >= close);
    }
    t = Math.floor(t / 1000) * 1000;
    const short = rng.chance(0.03);
    calls.push({
      id: `${s.tenant}-C${String(i + 1).padStart(5, '0')}`,
      offered: t,
      queue: rng.float() < 0.5 ? 0 : rng.int(0, s.phoneQueues.length - 1),
      patience: short
        ? rng.int(1, 4) * 1000
        : rng.chance(0.5)
          ? rng.exp(240) * 1000 + 5000
          : Number.POSITIVE_INFINITY,
      menuAbandon: rng.chance(0.04),
      twoChoices: rng.chance(0.3),
      moveAfter: rng.chance(0.02) ? rng.int(40, 120) * 1000 : null,
      externalAfter: rng.chance(0.01) ? rng.int(10, 60) * 1000 : null,
      agentTransfer: rng.chance(0.04),
      callback: rng.chance(0.03),
      callerKey: rng.pick(callerKeys),
      queuedAt: 0,
      currentQueue: 0,
      seqNo: 0,
    });
  }
  calls.sort((x, y) => x.offered - y.offered || (x.id < y.id ? -1 : 1));

  const ids = (c: Caller, what: string) => ['call', c.id, what, ++c.seqNo];
  // Pre-queue stage: offered, menu choices, blocked or abandoned in the menu.
  const toQueue: Caller[] = [];
  for (const c of calls) {
    if (c.offered < open || c.offered >= close) {
      b.add('call.blocked', 'telephony', c.offered, ids(c, 'blocked'), {
        call_id: c.id,
        line: s.line,
        reason: 'closed',
      });
      continue;
    }
    b.add('call.offered', 'telephony', c.offered, ids(c, 'offered'), {
      call_id: c.id,
      line: s.line,
      caller_key: c.callerKey,
    });
    let t = c.offered + rng.int(8, 25) * 1000;
    if (c.menuAbandon) {
      b.add('call.abandoned', 'telephony', t, ids(c, 'abandoned'), {
        call_id: c.id,
        stage: 'menu',
        wait_seconds: (t - c.offered) / 1000,
      });
      continue;
    }
    b.add('call.menu_choice', 'telephony', t, ids(c, 'menu'), {
      call_id: c.id,
      menu: 'hoofdmenu',
      choice: c.twoChoices ? '9' : s.phoneQueues[c.queue]!.choice,
    });
    if (c.twoChoices) {
      t += rng.int(5, 15) * 1000;
      b.add('call.menu_choice', 'telephony', t, ids(c, 'menu'), {
        call_id: c.id,
        menu: 'submenu',
        choice: s.phoneQueues[c.queue]!.choice,
      });
    }
    c.queuedAt = t + 1000;
    c.currentQueue = c.queue;
    toQueue.push(c);
  }

  // Queue: agents on shifts, FIFO over all queues by first queue entry.
  const agents = [];
  for (let i = 0; i < s.agents; i++) {
    const early = i < s.agents * 0.6;
    agents.push({
      key: `agent-${rng.hex(12)}`,
      from: early ? open + rng.int(0, 15) * 60_000 : localMs(day, 9, 30) + rng.int(0, 60) * 60_000,
      to: early ? localMs(day, 15, 30) + rng.int(0, 90) * 60_000 : close + 30 * 60_000,
      busyUntil: 0,
    });
  }
  const waiting: Caller[] = [];
  let nextCall = 0;
  for (let t = open; t <= close + 2 * MS_HOUR; t += 1000) {
    while (nextCall < toQueue.length && toQueue[nextCall]!.queuedAt <= t) {
      const c = toQueue[nextCall++]!;
      if (waiting.length >= Math.max(8, Math.round(s.agents / 2))) {
        b.add('call.blocked', 'telephony', c.queuedAt, ids(c, 'blocked'), {
          call_id: c.id,
          line: s.line,
          reason: 'capacity',
        });
        continue;
      }
      b.add('call.queued', 'telephony', c.queuedAt, ids(c, 'queued'), {
        call_id: c.id,
        queue_id: s.phoneQueues[c.queue]!.id,
      });
      waiting.push(c);
    }
    for (let i = waiting.length - 1; i >= 0; i--) {
      const c = waiting[i]!;
      const waited = t - c.queuedAt;
      if (c.moveAfter !== null && waited >= c.moveAfter && s.phoneQueues.length > 1) {
        const from = c.currentQueue;
        c.currentQueue = (from + 1) % s.phoneQueues.length;
        c.moveAfter = null;
        b.add('call.transferred', 'telephony', t, ids(c, 'transferred'), {
          call_id: c.id,
          from_queue_id: s.phoneQueues[from]!.id,
          to: { kind: 'queue', id: s.phoneQueues[c.currentQueue]!.id },
        });
      }
      if (c.externalAfter !== null && waited >= c.externalAfter) {
        waiting.splice(i, 1);
        b.add('call.transferred', 'telephony', t, ids(c, 'transferred'), {
          call_id: c.id,
          from_queue_id: s.phoneQueues[c.currentQueue]!.id,
          to: { kind: 'external', id: 'belastingsamenwerking' },
        });
        continue;
      }
      if (waited >= c.patience || (t > close + 90 * 60_000 && waited > 0)) {
        waiting.splice(i, 1);
        b.add('call.abandoned', 'telephony', t, ids(c, 'abandoned'), {
          call_id: c.id,
          stage: 'queue',
          queue_id: s.phoneQueues[c.currentQueue]!.id,
          wait_seconds: waited / 1000,
        });
      }
    }
    for (const a of agents) {
      if (waiting.length === 0) break;
      if (t < a.from || t >= a.to || t < a.busyUntil) continue;
      const c = waiting.shift()!;
      const queueId = s.phoneQueues[c.currentQueue]!.id;
      b.add('call.answered', 'telephony', t, ids(c, 'answered'), {
        call_id: c.id,
        queue_id: queueId,
        agent_key: a.key,
        wait_seconds: (t - c.queuedAt) / 1000,
      });
      const talk = Math.round(45 + rng.exp(200));
      const hold = rng.chance(0.3) ? rng.int(10, 150) : 0;
      const acw = rng.int(10, 120);
      const ended = t + (talk + hold) * 1000;
      if (c.agentTransfer) {
        b.add('call.transferred', 'telephony', t + Math.round(talk / 2) * 1000, ids(c, 'transferred'), {
          call_id: c.id,
          from_queue_id: queueId,
          to: { kind: 'agent', id: `agent-${rng.hex(12)}` },
        });
      }
      b.add('call.ended', 'telephony', ended, ids(c, 'ended'), {
        call_id: c.id,
        talk_seconds: talk,
        hold_seconds: hold,
        after_call_work_seconds: acw,
        ended_by: rng.chance(0.5) ? 'caller' : 'agent',
        resolved: !c.callback && rng.chance(0.8),
      });
      a.busyUntil = ended + acw * 1000;
      if (c.callback) {
        b.add('callback.requested', 'telephony', ended, ['callback', `${c.id}-CB`, 'requested'], {
          callback_id: `${c.id}-CB`,
          call_id: c.id,
          queue_id: queueId,
          promise: { target: 2, unit: 'working_days' },
        });
      }
      if (rng.chance(0.1)) {
        surveys.push({
          at: ended + rng.int(2, 120) * MS_MINUTE,
          channel: 'phone',
          location: null,
          team: 'team-kcc',
          product: null,
          scale: s.phoneScale,
        });
      }
    }
    if (nextCall >= toQueue.length && waiting.length === 0 && t > close) break;
  }

  // Callbacks requested on earlier days; some completed before, some on the day.
  const earlier: string[] = [];
  for (let k = 1; earlier.length < 5; k++) {
    const d = addDays(day, -k);
    if (isWorkingDay(d)) earlier.push(d);
  }
  const backlog = Math.round(60 * scale * (s.agents / 30)) + 8;
  const onDay: { id: string; at: number }[] = [];
  for (let i = 0; i < backlog; i++) {
    const d = earlier[i % earlier.length]!;
    const at = localMs(d, 9) + rng.int(0, 7 * 3600) * 1000;
    const id = `${s.tenant}-CBE${String(i + 1).padStart(4, '0')}`;
    b.add('callback.requested', 'telephony', at, ['callback', id, 'requested'], {
      callback_id: id,
      queue_id: s.phoneQueues[i % s.phoneQueues.length]!.id,
      promise: { target: 2, unit: 'working_days' },
    });
    const fate = rng.float();
    if (fate < 0.3) {
      // Completed on the day it was requested (still before the golden day).
      b.add(
        'callback.completed',
        'telephony',
        at + rng.int(30, 180) * 60_000,
        ['callback', id, 'completed'],
        {
          callback_id: id,
          outcome: 'reached',
        },
      );
    } else if (fate < 0.75) {
      onDay.push({ id, at: localMs(day, 8, 30) + rng.int(0, 8 * 3600) * 1000 });
    }
  }
  // Callbacks of the day's own calls: some completed later on the day.
  for (const draft of b.drafts) {
    if (draft.event.type !== 'callback.requested' || draft.at < localMs(day, 0)) continue;
    if (rng.chance(0.4)) {
      const at = draft.at + rng.int(20, 240) * 60_000;
      if (at < localMs(day, 18)) onDay.push({ id: draft.event.payload.callback_id, at });
    }
  }
  for (const { id, at } of onDay) {
    b.add('callback.completed', 'telephony', at, ['callback', id, 'completed'], {
      callback_id: id,
      outcome: rng.pick(['reached', 'reached', 'reached', 'not_reached', 'cancelled'] as const),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Cases

function casesDay(b: Builder, s: TenantSetup, day: string, rng: Rng, scale: number) {
  const n = Math.round(s.cases * scale);
  const dayStart = localMs(day, 0);
  const specials: { type: string; start: string }[] = [
    // 16 March + 42 calendar days = Monday 27 April (King's Day) → due Tuesday 28 April (today).
    { type: 'bezwaarschrift', start: '2026-03-16' },
    { type: 'wmo-melding', start: '2026-03-16' },
    // 5 working days from Tuesday 21 April skip King's Day → due Wednesday 29 April.
    { type: 'melding-openbare-ruimte', start: '2026-04-21' },
    // 5 working days from Monday 20 April → due Tuesday 28 April instead of Monday 27.
    { type: 'melding-openbare-ruimte', start: '2026-04-20' },
    // Started on King's Day itself (a web form): counting from Tuesday.
    { type: 'melding-openbare-ruimte', start: '2026-04-27' },
  ];
  const weights = CASE_TYPES.map((c) => c.share);
  for (let i = 0; i < n + specials.length; i++) {
    const special = i < specials.length ? specials[i]! : null;
    let ct: CaseTypeSetup;
    if (special) ct = CASE_TYPES.find((c) => c.id === special.type)!;
    else {
      let u = rng.float();
      let k = 0;
      while (k < weights.length - 1 && u >= weights[k]!) u -= weights[k++]!;
      ct = CASE_TYPES[k]!;
    }
    // Start dates: within about 1.6× the norm before the day, a few on the day itself.
    const normDays = ct.norm.unit === 'calendar_days' ? ct.norm.target : Math.round(ct.norm.target * 1.4);
    let start: string;
    if (special) start = special.start;
    else if (rng.chance(0.06)) start = day;
    else {
      do start = addDays(day, -rng.int(1, Math.round(normDays * 1.6) + 2));
      while (!isWorkingDay(start) && rng.chance(0.85));
    }
    const caseId = `${s.tenant}-Z${String(i + 1).padStart(5, '0')}`;
    const ids = (what: string, k: number) => ['case', caseId, what, k];
    const created = localMs(start, 8) + rng.int(30 * 60, 9 * 3600) * 1000;
    const createdAt = start === day ? Math.min(created, localMs(day, 16, 30)) : created;
    b.add('case.created', 'case_system', createdAt, ids('created', 0), {
      case_id: caseId,
      case_type_id: ct.id,
      start_date: start,
      lead_time_norm: ct.norm,
      team_id: ct.team,
    });
    // Closures: about 8 % before the day (no other events), 12 % on the day; the rest stays open.
    const fate = special ? 1 : rng.float();
    if (fate < 0.08 && start < addDays(day, -2)) {
      const endDate = addDays(start, rng.int(1, Math.max(1, -daysBefore(start, day) - 1)));
      if (endDate < day) {
        const at = localMs(endDate, 15) + rng.int(0, 7200) * 1000;
        closeCase(b, caseId, endDate, Math.max(at, createdAt + MS_HOUR), ids, 1);
        continue;
      }
    }
    const lastPossible = Math.max(createdAt + MS_HOUR, dayStart - MS_HOUR);
    const within = (from: number, to: number) =>
      from + Math.floor(rng.float() * Math.max(1, (to - from) / 1000)) * 1000;
    let events = 1;
    let last = createdAt;
    if (rng.chance(0.5) && start !== day) {
      last = within(createdAt + MS_HOUR, lastPossible);
      b.add('case.status_changed', 'case_system', last, ids('status', events++), {
        case_id: caseId,
        status: 'in_behandeling',
        sequence: 2,
        is_final: false,
      });
    }
    // Suspensions: some resumed before or on the day, some still suspended; some span King's Day.
    let stillSuspended = false;
    if (start < addDays(day, -3) && (special?.type === 'wmo-melding' || rng.chance(0.1))) {
      const from = within(createdAt + MS_HOUR, dayStart - 2 * MS_DAY);
      b.add('case.suspended', 'case_system', from, ids('suspended', events++), {
        case_id: caseId,
        reason: 'aanvullende gegevens gevraagd',
      });
      last = Math.max(last, from);
      if (!rng.chance(0.25) || special) {
        const to = Math.min(
          from + rng.int(1, 12) * MS_DAY + rng.int(0, 6 * 3600) * 1000,
          dayStart + 10 * MS_HOUR,
        );
        b.add('case.resumed', 'case_system', to, ids('resumed', events++), { case_id: caseId });
        last = Math.max(last, to);
      } else {
        stillSuspended = true;
      }
    }
    if (ct.extension && start < addDays(day, -14) && rng.chance(0.15)) {
      const at = within(createdAt + MS_DAY, dayStart + 12 * MS_HOUR);
      b.add('case.extended', 'case_system', at, ids('extended', events++), {
        case_id: caseId,
        working_days: rng.pick([10, 20, 30]),
        reason: 'complexe aanvraag',
      });
      last = Math.max(last, at);
    }
    if (fate < 0.2 && !stillSuspended) {
      const at = Math.max(localMs(day, 8, 30) + rng.int(0, 9 * 3600) * 1000, last + 10 * MS_MINUTE);
      if (at < localMs(day, 18)) closeCase(b, caseId, day, at, ids, events);
    }
  }
}

function daysBefore(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(ya, ma - 1, da) - Date.UTC(yb, mb - 1, db)) / MS_DAY);
}

function closeCase(
  b: Builder,
  caseId: string,
  endDate: string,
  at: number,
  ids: (what: string, k: number) => (string | number)[],
  events: number,
) {
  b.add('case.status_changed', 'case_system', at - 60_000, ids('status', events), {
    case_id: caseId,
    status: 'afgehandeld',
    sequence: 9,
    is_final: true,
  });
  b.add('case.closed', 'case_system', at, ids('closed', events + 1), {
    case_id: caseId,
    end_date: endDate,
    result: 'verleend',
  });
}

// ---------------------------------------------------------------------------------------------
// Written contacts

function writtenDay(b: Builder, s: TenantSetup, day: string, rng: Rng, scale: number) {
  const n = Math.round(s.written * scale);
  const dayStart = localMs(day, 0);
  for (let i = 0; i < n; i++) {
    const id = `${s.tenant}-W${String(i + 1).padStart(5, '0')}`;
    const channel = rng.pick(['email', 'email', 'email', 'web_form', 'web_form', 'post'] as const);
    const team = rng.chance(0.7) ? 'team-kcc' : 'team-backoffice';
    // Received over the last 8 days (weekend and King's Day too for e-mail and web forms), or on the day.
    let at: number;
    if (rng.chance(0.35)) at = localMs(day, 7) + rng.int(0, 10 * 3600) * 1000;
    else {
      let d: string;
      do d = addDays(day, -rng.int(1, 8));
      while (channel === 'post' && !isWorkingDay(d));
      at = localMs(d, 7) + rng.int(0, 14 * 3600) * 1000;
    }
    b.add('written.received', 'written', at, ['written', id, 'received'], {
      contact_id: id,
      channel,
      team_id: team,
      category: rng.pick(['afval', 'parkeren', 'belastingen', 'burgerzaken', 'overig']),
    });
    const endOfGolden = localMs(day, 18);
    if (rng.chance(0.85)) {
      const ack = at + rng.int(5, 60 * 30) * 60_000;
      if (ack <= endOfGolden) {
        b.add('written.acknowledged', 'written', ack, ['written', id, 'acknowledged'], { contact_id: id });
        if (rng.chance(0.7)) {
          let answer = ack + rng.exp(2.5 * MS_DAY);
          // Answers come in office hours.
          const d = addDays(day, -Math.ceil((dayStart - answer) / MS_DAY));
          if (weekday(d) === 0 || weekday(d) === 6) answer += 2 * MS_DAY;
          answer = Math.floor(answer / 1000) * 1000;
          if (answer <= endOfGolden) {
            b.add('written.answered', 'written', answer, ['written', id, 'answered'], { contact_id: id });
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Survey

interface SurveyPlan {
  at: number;
  channel: 'counter' | 'phone' | 'email';
  location: string | null;
  team: string;
  product: string | null;
  scale: 5 | 10;
}

function surveyDay(b: Builder, plans: SurveyPlan[], rng: Rng, day: string) {
  const endOfDay = localMs(day, 23, 30);
  let i = 0;
  for (const p of plans) {
    if (p.at > endOfDay) continue;
    const id = `${b.tenant}-R${String(++i).padStart(5, '0')}`;
    // Skewed towards satisfied, with a tail of dissatisfied answers.
    const u = rng.float();
    const score =
      p.scale === 5
        ? u < 0.08
          ? 1
          : u < 0.15
            ? 2
            : u < 0.3
              ? 3
              : u < 0.65
                ? 4
                : 5
        : u < 0.05
          ? rng.int(1, 3)
          : u < 0.25
            ? rng.int(4, 7)
            : rng.int(8, 10);
    b.add('survey.responded', 'survey', p.at, ['survey', id], {
      response_id: id,
      channel: p.channel,
      ...(p.product ? { product_id: p.product } : {}),
      ...(p.location ? { location_id: p.location } : {}),
      team_id: p.team,
      score,
      scale: { min: 1, max: p.scale },
      ...(rng.chance(0.1) ? { comment: rng.pick(['Snel geholpen', 'Lang gewacht', 'Vriendelijk']) } : {}),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The day

/** Generates the golden day; the same options always give the same events in the same order. */
export function generateGoldenDay(options: GoldenDayOptions = {}): GoldenDay {
  const seed = options.seed ?? 20260428;
  const day = options.day ?? GOLDEN_DAY;
  const scale = options.scale ?? 1;
  const rng = seededRandom(seed);
  const drafts: Draft[] = [];
  const tenants: string[] = [];
  let offset = 0;
  for (const s of setups()) {
    tenants.push(s.tenant);
    const b = new Builder(s.tenant, VENDORS[s.tenant]!);
    // Reference data before everything else (the oldest case starts ≈ 14 weeks back).
    referenceEvents(b, s, localMs(addDays(day, -120), 6));
    const surveys: SurveyPlan[] = [];
    counterDay(b, s, day, rng, scale, surveys);
    phoneDay(b, s, day, rng, scale, surveys);
    casesDay(b, s, day, rng, scale);
    writtenDay(b, s, day, rng, scale);
    surveyDay(b, surveys, rng, day);
    for (const d of b.drafts) drafts.push({ ...d, seq: d.seq + offset });
    offset += b.drafts.length;
  }
  // A few percent emitted late, by at most 30 s: events of one entity then come out of order.
  for (const d of drafts) if (rng.chance(0.03)) d.emit = d.at + rng.int(1, 30) * 1000;
  drafts.sort((a, c) => a.emit - c.emit || a.seq - c.seq);
  return {
    events: drafts.map((d) => d.event),
    day,
    tenants,
    evaluationTimes: [
      formatLocal(localMs(day, 10, 30)),
      formatLocal(localMs(day, 14, 5)),
      formatLocal(localMs(day, 17, 45)),
      formatLocal(localMs(day, 23, 59, 59)),
    ],
  };
}
