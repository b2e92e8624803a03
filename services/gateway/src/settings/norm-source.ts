import type { NormSource } from '@stuurwiel/alerting/validate';
import type { NormPayload } from './norms.js';

/**
 * The norms in force as validateRule asks for them, answering as alerting's world does: the norm
 * set for exactly the scope, else the tenant's.
 */
export function normSource(norms: readonly NormPayload[]): NormSource {
  return {
    norm(kpi, scope) {
      const ofKpi = norms.filter((n) => n.kpi === kpi);
      const exact =
        scope?.id === undefined
          ? undefined
          : ofKpi.find((n) => n.scope.kind === scope.kind && n.scope.id === scope.id);
      return exact ?? ofKpi.find((n) => n.scope.kind === 'tenant');
    },
  };
}
