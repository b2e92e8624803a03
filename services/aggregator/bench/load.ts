// Canonical events for the aggregator bench: complete lifecycles for a backlog, and endless
// per-tenant streams with occurred_at = now for the latency run.
import { type CanonicalEvent, deriveEventId } from '@stuurwiel/schemas';

export const TENANTS = ['GM0363', 'GM0599', 'GM0344', 'GM0518'] as const;

const QMATIC = { system: 'queue_management', vendor: 'qmatic' } as const;
const ASTERISK = { system: 'telephony', vendor: 'asterisk' } as const;
const OPENZAAK = { system: 'case_system', vendor: 'openzaak' } as const;
const SURVEY = { system: 'survey', vendor: 'survalyzer' } as const;
const LOCATIONS = ['stadhuis', 'stadsdeel-noord', 'stadsdeel-zuid'];
const QUEUES = ['burgerzaken', 'rijbewijzen', 'paspoorten'];
const PHONE_QUEUES = ['kcc-algemeen', 'kcc-belastingen', 'kcc-parkeren'];
const AGENT = 'a1b2c3d4e5f60718';

function event(
  tenant: string,
  source: CanonicalEvent['source'],
  type: string,
  at: number,
  payload: Record<string, unknown>,
  id: string,
): CanonicalEvent {
  return {
    spec_version: 1,
    event_id: deriveEventId(tenant, source.vendor, id, type),
    tenant,
    source,
    occurred_at: new Date(at).toISOString(),
    type,
    payload,
  } as CanonicalEvent;
}

export const visitArrived = (tenant: string, id: string, n: number, at: number) =>
  event(
    tenant,
    QMATIC,
    'visit.arrived',
    at,
    {
      visit_id: id,
      location_id: LOCATIONS[n % LOCATIONS.length],
      queue_id: QUEUES[n % QUEUES.length],
      kind: 'walk_in',
      products: ['paspoort'],
    },
    id,
  );

export const visitCalled = (tenant: string, id: string, n: number, at: number) =>
  event(
    tenant,
    QMATIC,
    'visit.called',
    at,
    {
      visit_id: id,
      location_id: LOCATIONS[n % LOCATIONS.length],
      queue_id: QUEUES[n % QUEUES.length],
      desk_id: `balie-${n % 8}`,
      recall: false,
    },
    id,
  );

export const visitFinished = (
  tenant: string,
  id: string,
  n: number,
  at: number,
  outcome: 'served' | 'no_show' | 'left' = 'served',
) =>
  event(
    tenant,
    QMATIC,
    'visit.finished',
    at,
    {
      visit_id: id,
      location_id: LOCATIONS[n % LOCATIONS.length],
      queue_id: QUEUES[n % QUEUES.length],
      outcome,
      products: ['paspoort'],
    },
    id,
  );

export const callOffered = (tenant: string, id: string, _n: number, at: number) =>
  event(tenant, ASTERISK, 'call.offered', at, { call_id: id, line: '14020' }, id);

export const callQueued = (tenant: string, id: string, n: number, at: number) =>
  event(tenant, ASTERISK, 'call.queued', at, { call_id: id, queue_id: PHONE_QUEUES[n % 3] }, id);

export const callAnswered = (tenant: string, id: string, n: number, at: number, wait: number) =>
  event(
    tenant,
    ASTERISK,
    'call.answered',
    at,
    { call_id: id, queue_id: PHONE_QUEUES[n % 3], agent_key: AGENT, wait_seconds: wait },
    id,
  );

export const callAbandoned = (tenant: string, id: string, n: number, at: number, wait: number) =>
  event(
    tenant,
    ASTERISK,
    'call.abandoned',
    at,
    { call_id: id, stage: 'queue', queue_id: PHONE_QUEUES[n % 3], wait_seconds: wait },
    id,
  );

export const callEnded = (tenant: string, id: string, n: number, at: number) =>
  event(
    tenant,
    ASTERISK,
    'call.ended',
    at,
    {
      call_id: id,
      talk_seconds: 120 + (n % 300),
      hold_seconds: n % 30,
      after_call_work_seconds: 30,
      resolved: n % 4 !== 0,
    },
    id,
  );

export interface Backlog {
  events: CanonicalEvent[];
  /** Facts the aggregator must derive: one per finished visit and per ended call. */
  visits: number;
  calls: number;
}

/**
 * At least `total` events of complete lifecycles on `day` (YYYY-MM-DD) between 08:00 and 17:00
 * UTC, spread over the tenants and sorted by occurred_at: per round one visit (served, no-show
 * or left), one call (answered, abandoned in the queue or in the menu, or blocked), every tenth
 * round a case that is created and closed, every eighth a survey response.
 */
export function backlog(total: number, day: string, runTag: string): Backlog {
  const events: CanonicalEvent[] = [];
  const open = Date.parse(`${day}T08:00:00Z`);
  const span = 9 * 3_600_000;
  const rounds = Math.ceil(total / 7.2);
  let visits = 0;
  let calls = 0;
  for (let n = 0; events.length < total; n++) {
    const tenant = TENANTS[n % TENANTS.length]!;
    const t = open + Math.floor(((n % rounds) / rounds) * span) + Math.floor(n / rounds);
    const vid = `${runTag}V${n}`;
    const wait = 60 + (n % 900);
    events.push(visitArrived(tenant, vid, n, t));
    if (n % 20 === 7) {
      events.push(visitFinished(tenant, vid, n, t + wait * 1000, 'left'));
    } else {
      events.push(visitCalled(tenant, vid, n, t + wait * 1000));
      const outcome = n % 20 === 3 ? 'no_show' : 'served';
      events.push(visitFinished(tenant, vid, n, t + (wait + 240 + (n % 600)) * 1000, outcome));
    }
    visits++;

    const cid = `${runTag}C${n}`;
    const ct = t + 17_000;
    const cwait = 5 + (n % 240);
    if (n % 20 === 11) {
      events.push(
        event(tenant, ASTERISK, 'call.blocked', ct, { call_id: cid, line: '14020', reason: 'capacity' }, cid),
      );
    } else {
      events.push(callOffered(tenant, cid, n, ct));
      if (n % 20 === 13) {
        events.push(
          event(
            tenant,
            ASTERISK,
            'call.abandoned',
            ct + 20_000,
            { call_id: cid, stage: 'menu', wait_seconds: 20 },
            cid,
          ),
        );
      } else {
        events.push(callQueued(tenant, cid, n, ct + 30_000));
        if (n % 5 === 1) {
          events.push(callAbandoned(tenant, cid, n, ct + 30_000 + cwait * 1000, cwait));
        } else {
          events.push(callAnswered(tenant, cid, n, ct + 30_000 + cwait * 1000, cwait));
          events.push(callEnded(tenant, cid, n, ct + 30_000 + (cwait + 300) * 1000));
        }
      }
    }
    calls++;

    if (n % 10 === 0) {
      const zid = `${runTag}Z${n}`;
      events.push(
        event(
          tenant,
          OPENZAAK,
          'case.created',
          t,
          {
            case_id: zid,
            case_type_id: 'omgevingsvergunning',
            start_date: day,
            lead_time_norm: { target: 8, unit: 'working_days' },
            team_id: 'vergunningen',
          },
          zid,
        ),
        event(
          tenant,
          OPENZAAK,
          'case.closed',
          t + 3_600_000,
          { case_id: zid, end_date: day, result: 'verleend' },
          zid,
        ),
      );
    }
    if (n % 8 === 0) {
      const rid = `${runTag}S${n}`;
      events.push(
        event(
          tenant,
          SURVEY,
          'survey.responded',
          t + 1_800_000,
          {
            response_id: rid,
            channel: 'counter',
            location_id: LOCATIONS[n % 3],
            score: 1 + (n % 5),
            scale: { min: 1, max: 5 },
          },
          rid,
        ),
      );
    }
  }
  events.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0));
  return { events, visits, calls };
}

/**
 * An endless, valid stream of one tenant's counter (visit) or phone (call) events with strictly
 * increasing millisecond occurred_at values: about `open` entities in each stage of their life.
 */
export function liveStream(tenant: string, domain: 'counter' | 'phone', runTag: string, open = 20) {
  let last = 0;
  let next = 0;
  const stages: string[][] = [[], [], []];
  const now = () => {
    last = Math.max(Date.now(), last + 1);
    return last;
  };
  const num = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));
  return (): CanonicalEvent => {
    const at = now();
    if (domain === 'counter') {
      const [arrived, called] = stages as [string[], string[]];
      if (called.length >= open) {
        const id = called.shift()!;
        return visitFinished(tenant, id, num(id), at);
      }
      if (arrived.length >= open) {
        const id = arrived.shift()!;
        called.push(id);
        return visitCalled(tenant, id, num(id), at);
      }
      const n = next++;
      const id = `${runTag}-${n}`;
      arrived.push(id);
      return visitArrived(tenant, id, n, at);
    }
    const [offered, queued, answered] = stages as [string[], string[], string[]];
    if (answered.length >= open) {
      const id = answered.shift()!;
      return callEnded(tenant, id, num(id), at);
    }
    if (queued.length >= open) {
      const id = queued.shift()!;
      const n = num(id);
      if (n % 5 === 1) {
        return callAbandoned(tenant, id, n, at, 30);
      }
      answered.push(id);
      return callAnswered(tenant, id, n, at, 30);
    }
    if (offered.length >= open) {
      const id = offered.shift()!;
      queued.push(id);
      return callQueued(tenant, id, num(id), at);
    }
    const n = next++;
    const id = `${runTag}-${n}`;
    offered.push(id);
    return callOffered(tenant, id, n, at);
  };
}
