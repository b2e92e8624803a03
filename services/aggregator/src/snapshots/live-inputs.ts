import type { KpiDomain, KpiSnapshot } from '@stuurwiel/schemas';
import type { Horizon, Norm } from '../deadlines/index.js';
import {
  type CounterScopeNorms,
  type CounterSettings,
  computeCasesSnapshots,
  computeCounterSnapshots,
  computePhoneSnapshots,
  computeSourceSnapshots,
  computeSurveySnapshots,
  computeWrittenSnapshots,
  type DayLog,
} from '../live/index.js';
import type { OpenCase } from '../live/inputs.js';
import type { BatchFacts, FactPipeline } from '../pipeline/fact-pipeline.js';
import type { NormPayload } from '../reference/reference-store.js';
import type { OpenCase as StoredOpenCase } from '../state/cases.js';
import type { SourceStore } from '../state/sources.js';
import { amsterdamDateOf } from '../time/instants.js';

const SECONDS = { seconds: 1, minutes: 60, hours: 3600 } as const;

/** A norm in seconds, or undefined when it is in days (not an answer-time norm). */
function normSeconds(norm: NormPayload | undefined): number | undefined {
  if (!norm || !(norm.unit in SECONDS)) return undefined;
  return norm.target * SECONDS[norm.unit as keyof typeof SECONDS];
}

export const asNorm = (n: NormPayload | undefined): Norm | undefined =>
  n ? { target: n.target, unit: n.unit } : undefined;

/** Puts a batch's finished items in the day log, the live windows' memory of today. */
export function logFacts(log: DayLog, facts: BatchFacts, notLive: ReadonlySet<object>): void {
  for (const f of facts.visits) if (!notLive.has(f)) log.put(f.tenant, 'visits', f);
  for (const f of facts.calls) if (!notLive.has(f)) log.put(f.tenant, 'calls', f);
  for (const f of facts.cases) {
    if (notLive.has(f) || f.status !== 'closed' || f.end_date === null) continue;
    log.put(f.tenant, 'closedCases', {
      case_id: f.case_id,
      case_type_id: f.case_type_id,
      team_id: f.team_id,
      start_date: f.start_date,
      end_date: f.end_date,
      due_date: f.due_date,
      within_norm: f.within_norm,
      lead_time_days: f.lead_time_days,
    });
  }
  for (const f of facts.written) {
    if (notLive.has(f) || f.answered_at === null) continue;
    log.put(f.tenant, 'answered', {
      contact_id: f.contact_id,
      channel: f.channel,
      team_id: f.team_id,
      received_at: f.received_at,
      answered_at: f.answered_at,
    });
  }
  for (const f of facts.surveys) {
    if (notLive.has(f)) continue;
    log.put(f.tenant, 'surveys', {
      response_id: f.response_id,
      occurred_at: f.occurred_at,
      channel: f.channel,
      location_id: f.location_id,
      team_id: f.team_id,
      score: f.score,
      scale: { min: f.scale_min, max: f.scale_max },
    });
  }
}

/** An open case of the case store as the live figures read it. */
export const liveOpenCase = (c: StoredOpenCase, horizon: Horizon | undefined): OpenCase => ({
  case_id: c.case_id,
  case_type_id: c.case_type_id,
  team_id: c.team_id,
  suspended: c.suspended,
  suspended_since: c.suspended_since,
  completion_period_passed: c.completion_period_passed,
  due_at: c.due_at,
  legal_due_at: c.legal_due_at,
  norm: c.norm,
  horizon,
});

/** The warning horizon of a case type: its case_lead_time norm's, else undefined (the default). */
export const caseHorizonOf =
  (pipeline: FactPipeline, tenant: string) =>
  (caseType: string): Horizon | undefined =>
    pipeline.reference.norm(tenant, 'case_lead_time', { kind: 'case_type', id: caseType })?.warning_horizon;

export interface LiveContext {
  pipeline: FactPipeline;
  log: DayLog;
  sources: SourceStore;
  shortAbandonSeconds: number;
  /** A case suspended longer than this many calendar days is counted as long suspended. */
  caseSuspendedLongDays?: number;
}

/** The counter norms in seconds per scope, as the reference store holds them. */
function counterNorms(norms: readonly NormPayload[]): NonNullable<CounterSettings['norms']> {
  const out = {
    tenant: {} as CounterScopeNorms,
    location: {} as Record<string, CounterScopeNorms>,
    queue: {} as Record<string, CounterScopeNorms>,
  };
  for (const n of norms) {
    const field =
      n.kpi === 'counter_wait'
        ? 'waitSeconds'
        : n.kpi === 'counter_service_time'
          ? 'serviceTimeSeconds'
          : null;
    const seconds = normSeconds(n);
    if (field === null || seconds === undefined) continue;
    if (n.scope.kind === 'tenant') out.tenant[field] = seconds;
    else if ((n.scope.kind === 'location' || n.scope.kind === 'queue') && n.scope.id) {
      const byId = out[n.scope.kind];
      byId[n.scope.id] = { ...byId[n.scope.id], [field]: seconds };
    }
  }
  return out;
}

/** Computes one tenant's snapshots of one domain from the open-entity state and the day log. */
export function computeSnapshots(
  ctx: LiveContext,
  tenant: string,
  domain: KpiDomain,
  asOf: Date,
  lastEventAt: string | null,
): KpiSnapshot[] {
  const { pipeline, log } = ctx;
  const at = asOf.toISOString();
  const stamp = { computedAt: new Date().toISOString(), lastEventAt };
  const norms = pipeline.reference.norms(tenant);
  switch (domain) {
    case 'counter':
      return computeCounterSnapshots(
        tenant,
        {
          waiting: pipeline.visits.waiting(tenant).map((w) => ({
            ...w,
            requeued: w.counted_called_at
              ? {
                  counted_called_at: w.counted_called_at,
                  counted_queue_id: w.counted_queue_id ?? w.queue_id,
                  waiting_since: w.waiting_since,
                }
              : null,
          })),
          inService: pipeline.visits.inService(tenant).map((v) => ({ ...v, called_at: v.counted_called_at })),
          desks: pipeline.visits.openDesks(tenant),
          finished: log.list(tenant, 'visits'),
        },
        at,
        { ...stamp, norms: counterNorms(norms) },
      );
    case 'phone': {
      const byQueue: Record<string, number> = {};
      for (const n of norms) {
        const s = normSeconds(n);
        if (n.kpi === 'phone_service_level' && n.scope.kind === 'queue' && n.scope.id && s)
          byQueue[n.scope.id] = s;
      }
      return computePhoneSnapshots(
        tenant,
        {
          inQueue: pipeline.calls.inQueue(tenant),
          inProgress: pipeline.calls.inProgress(tenant),
          callbacks: pipeline.calls.openCallbacks(tenant).map((c) => ({
            callback_id: c.callback_id,
            queue_id: c.queue_id,
            requested_at: c.requested_at,
            promise: c.promise as Norm,
          })),
          finished: log.list(tenant, 'calls'),
        },
        at,
        {
          ...stamp,
          calendar: pipeline.calendars.service(tenant),
          answerNormSeconds: normSeconds(pipeline.reference.norm(tenant, 'phone_service_level')),
          answerNormSecondsByQueue: byQueue,
          shortAbandonSeconds: ctx.shortAbandonSeconds,
        },
      );
    }
    case 'cases': {
      const horizonOf = caseHorizonOf(pipeline, tenant);
      return computeCasesSnapshots(
        tenant,
        {
          open: pipeline.cases
            .open(tenant, amsterdamDateOf(asOf.getTime()))
            .map((c) => liveOpenCase(c, horizonOf(c.case_type_id))),
          closed: log.list(tenant, 'closedCases'),
        },
        at,
        {
          ...stamp,
          calendar: pipeline.calendars.service(tenant),
          suspendedLongDays: ctx.caseSuspendedLongDays,
        },
      );
    }
    case 'written':
      return computeWrittenSnapshots(
        tenant,
        {
          open: pipeline.written.open(tenant).map((w) => ({
            contact_id: w.contact_id,
            channel: w.channel,
            team_id: w.team_id,
            received_at: w.received_at,
            acknowledged_at: w.acknowledged_at,
          })),
          answered: log.list(tenant, 'answered'),
        },
        at,
        {
          ...stamp,
          calendar: pipeline.calendars.service(tenant),
          answerNorm: asNorm(pipeline.reference.norm(tenant, 'written_answer')),
          acknowledgeNorm: asNorm(pipeline.reference.norm(tenant, 'written_acknowledge')),
        },
      );
    case 'survey':
      return computeSurveySnapshots(tenant, { responses: log.list(tenant, 'surveys') }, at, stamp);
    case 'sources':
      return computeSourceSnapshots(tenant, ctx.sources.sources(tenant), at, stamp);
  }
}
