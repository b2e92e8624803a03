import type { KpiScope } from '@stuurwiel/schemas';
import type { Observation } from '../model.js';

const SCOPE_NAMES: Record<KpiScope['kind'], string> = {
  tenant: 'gemeente',
  location: 'locatie',
  queue: 'wachtrij',
  channel: 'kanaal',
  team: 'team',
  case_type: 'zaaktype',
  source: 'bron',
};

/** "locatie centrum", "gemeente": the scope as a notification names it. */
export function scopeText(scope: { kind: KpiScope['kind']; id?: string | null }): string {
  return scope.kind === 'tenant' || scope.id == null ? 'gemeente' : `${SCOPE_NAMES[scope.kind]} ${scope.id}`;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits)).toString();

/** A value in its unit, the Dutch way: "9 min 30 s", "72 %", "7,5 min". */
export function formatValue(value: number | null, unit: Observation['unit']): string {
  if (value === null) return 'geen gegevens';
  switch (unit) {
    case 'seconds': {
      if (value < 60) return `${round(value, 0)} s`;
      const whole = Math.floor(value / 60);
      const rest = Math.round(value - whole * 60);
      return rest === 0 ? `${whole} min` : `${whole} min ${rest} s`;
    }
    case 'minutes':
      return `${round(value, 1).replace('.', ',')} min`;
    case 'share':
      return `${round(value * 100, 1).replace('.', ',')} %`;
    default:
      return round(value, 2).replace('.', ',');
  }
}
