import type { Db } from '@stuurwiel/clickhouse';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { insertCallFacts, insertVisitFacts } from '../facts/store.js';
import type { CallFact, VisitFact } from '../facts/types.js';
import { recomputeCallRollups } from '../rollups/calls.js';
import { recomputeVisitRollups } from '../rollups/visits.js';
import { type CallStore, createCallStore, createVisitStore, type VisitStore } from '../state/index.js';

export interface FactPipeline {
  readonly visits: VisitStore;
  readonly calls: CallStore;
  /**
   * Applies a batch's events to the open-entity state, in order, at once; returns the work that
   * stores the facts they finished and recomputes the rollups of the hours those facts fall in.
   */
  apply(events: readonly CanonicalEvent[]): () => Promise<void>;
}

function byTenant<T extends { tenant: string }>(
  facts: readonly T[],
  time: (f: T) => string,
): Map<string, string[]> {
  const hours = new Map<string, string[]>();
  for (const f of facts) hours.set(f.tenant, [...(hours.get(f.tenant) ?? []), time(f)]);
  return hours;
}

export function createFactPipeline(db: Db, options: { shortAbandonSeconds?: number } = {}): FactPipeline {
  const visits = createVisitStore();
  const calls = createCallStore();
  // Recomputations run one at a time, each reading the facts as they are when it starts, so a
  // slower, older one can never overwrite a newer one.
  let recomputing: Promise<void> = Promise.resolve();

  return {
    visits,
    calls,
    apply(events) {
      const visitFacts: VisitFact[] = [];
      const callFacts: CallFact[] = [];
      for (const event of events) {
        const domain = event.type.split('.')[0];
        if (domain === 'visit' || domain === 'desk') visitFacts.push(...visits.apply(event));
        else if (domain === 'call' || domain === 'callback') callFacts.push(...calls.apply(event));
      }
      return async () => {
        if (visitFacts.length === 0 && callFacts.length === 0) return;
        await Promise.all([insertVisitFacts(db, visitFacts), insertCallFacts(db, callFacts)]);
        const work = recomputing.then(async () => {
          for (const [tenant, hours] of byTenant(visitFacts, (f) => f.arrived_at)) {
            await recomputeVisitRollups(db, tenant, hours);
          }
          for (const [tenant, hours] of byTenant(callFacts, (f) => f.offered_at)) {
            await recomputeCallRollups(db, tenant, hours, options.shortAbandonSeconds);
          }
        });
        recomputing = work.catch(() => {});
        await work;
      };
    },
  };
}
