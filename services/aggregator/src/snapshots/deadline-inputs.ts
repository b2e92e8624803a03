import type { DeadlineItem } from '@stuurwiel/schemas';
import type { Norm } from '../deadlines/index.js';
import { callbackDeadlineItems, caseDeadlineItems, writtenDeadlineItems } from '../live/deadline-items.js';
import type { FactPipeline } from '../pipeline/fact-pipeline.js';
import type { NormPayload } from '../reference/reference-store.js';
import { amsterdamDateOf } from '../time/instants.js';
import { asNorm, caseHorizonOf, liveOpenCase } from './live-inputs.js';

/** The KPI domains whose open items have deadlines: each is computed and published as a whole. */
export const DEADLINE_DOMAINS = ['cases', 'phone', 'written'] as const;
export type DeadlineDomain = (typeof DEADLINE_DOMAINS)[number];

const normAndHorizon = (n: NormPayload | undefined) => {
  const norm = asNorm(n);
  return norm && n ? { norm, horizon: n.warning_horizon } : undefined;
};

/**
 * All deadline items of one tenant's domain, from the open-entity stores and the norms in force,
 * as of `asOf`: cases (domain cases), callbacks (phone), written contacts (written).
 */
export function computeDeadlineItems(
  pipeline: FactPipeline,
  tenant: string,
  domain: DeadlineDomain,
  asOf: Date,
): DeadlineItem[] {
  const settings = { asOf: asOf.toISOString(), calendar: pipeline.calendars.service(tenant) };
  switch (domain) {
    case 'cases': {
      const horizonOf = caseHorizonOf(pipeline, tenant);
      const open = pipeline.cases.open(tenant, amsterdamDateOf(asOf.getTime())).map((c) => ({
        ...liveOpenCase(c, horizonOf(c.case_type_id)),
        start_date: c.start_date,
        working_days_left: c.working_days_left,
      }));
      return caseDeadlineItems(tenant, open, settings);
    }
    case 'phone': {
      const callbacks = pipeline.calls.openCallbacks(tenant).map((c) => ({
        callback_id: c.callback_id,
        queue_id: c.queue_id,
        requested_at: c.requested_at,
        promise: c.promise as Norm,
        horizon: pipeline.reference.norm(
          tenant,
          'callback_due',
          c.queue_id === null ? undefined : { kind: 'queue', id: c.queue_id },
        )?.warning_horizon,
      }));
      return callbackDeadlineItems(tenant, callbacks, settings);
    }
    case 'written':
      return writtenDeadlineItems(tenant, pipeline.written.open(tenant), {
        ...settings,
        answer: normAndHorizon(pipeline.reference.norm(tenant, 'written_answer')),
        acknowledge: normAndHorizon(pipeline.reference.norm(tenant, 'written_acknowledge')),
      });
  }
}
