import type { AlertRule, KpiSnapshotOf } from '@stuurwiel/schemas';
import type { RuleKind, TenantView } from '../model.js';
import { agentsNeeded } from './erlang-c.js';
import { formatValue, scopeText } from './format.js';
import { inScope, observe, snapshotLabels } from './observation.js';

type PhoneHalfHourRule = Extract<AlertRule, { kind: 'phone_half_hour' }>;
type PhoneSnapshot = KpiSnapshotOf<'phone'>;
type PhoneWindow = PhoneSnapshot['windows']['15m'];

const HALF_HOUR = 30 * 60_000;
const DEFAULT_TARGET = 0.8;

/**
 * The `half_hour` window of a phone snapshot: the current clock half hour (from :00 or :30, Europe/
 * Amsterdam, whose offset is whole hours) up to as_of. Read by name, so that this rule works the
 * moment the aggregator publishes it; undefined before.
 */
export function halfHourWindow(s: PhoneSnapshot): PhoneWindow | undefined {
  return (s.windows as Partial<Record<string, PhoneWindow>>).half_hour;
}

export interface HalfHourOutlook {
  /** Answered within the norm so far this half hour. */
  A: number;
  /** Offered so far: queued − abandoned_short. */
  O: number;
  /** Calls still expected this half hour: the arrival rate of the last 15 minutes × minutes left. */
  R: number;
  minutesLeft: number;
  /** (A + R) ÷ (O + R): the service level if every call still to come is answered in time. */
  bestReachable: number | null;
}

export function halfHourOutlook(s: PhoneSnapshot, half: PhoneWindow): HalfHourOutlook {
  const asOf = Date.parse(s.as_of);
  const minutesLeft = (Math.floor(asOf / HALF_HOUR) * HALF_HOUR + HALF_HOUR - asOf) / 60_000;
  const A = half.answered_within_norm;
  const O = half.queued - half.abandoned_short;
  const R = (s.windows['15m'].queued / 15) * minutesLeft;
  return { A, O, R, minutesLeft, bestReachable: O + R > 0 ? (A + R) / (O + R) : null };
}

/** The target: the rule's, else the share of the phone_service_level norm of the scope, else 0.8. */
function targetOf(rule: PhoneHalfHourRule, view: TenantView, s: PhoneSnapshot): number {
  if (rule.target_share !== undefined) return rule.target_share;
  const scope =
    s.scope.kind === 'queue' && s.scope.id !== null ? { kind: 'queue' as const, id: s.scope.id } : undefined;
  return view.norm('phone_service_level', scope)?.share ?? DEFAULT_TARGET;
}

/** What Erlang C says the rest of the half hour needs, for the description only. */
function erlangNote(s: PhoneSnapshot, target: number): string {
  const w = s.windows['15m'];
  const h = w.handling.mean;
  if (w.queued === 0 || h === null || h <= 0) return '';
  const n = agentsNeeded(target, w.queued / 900, h, s.now.norm_seconds);
  return n === null
    ? ''
    : ` Erlang C: bij ${w.queued} gesprekken per 15 min en ${Math.round(h)} s afhandeltijd zijn ${n} medewerkers nodig voor ${formatValue(target, 'share')} binnen ${s.now.norm_seconds} s.`;
}

/**
 * The telephone service level of the current half hour can no longer reach its target: even if
 * every call still expected is answered within the norm, (A + R) ÷ (O + R) stays below it.
 * A snapshot of a half hour that is already over (as_of before the half hour of `now`) says nothing.
 */
export const phoneHalfHourKind: RuleKind<PhoneHalfHourRule> = {
  kind: 'phone_half_hour',
  memory: () => undefined,
  evaluate(rule, view, now) {
    const current = Math.floor(now.getTime() / HALF_HOUR);
    return inScope(view, 'phone', rule.scope).flatMap((s) => {
      const half = halfHourWindow(s);
      if (half === undefined || Math.floor(Date.parse(s.as_of) / HALF_HOUR) !== current) return [];
      const o = halfHourOutlook(s, half);
      const target = targetOf(rule, view, s);
      const enough = o.O >= rule.min_offered;
      const lost = enough && o.bestReachable !== null && o.bestReachable < target;
      const where = scopeText(s.scope);
      const pct = (x: number | null) => formatValue(x, 'share');
      return [
        observe(rule, snapshotLabels(rule, s), {
          active: lost,
          severity: rule.severity,
          value: o.bestReachable,
          threshold: target,
          unit: 'share',
          domain: 'phone',
          summary: lost
            ? `${rule.name}, ${where}: servicenorm van dit half uur is niet meer haalbaar (hoogstens ${pct(o.bestReachable)}, doel ${pct(target)})`
            : `${rule.name}, ${where}: servicenorm van dit half uur is nog haalbaar (hoogstens ${pct(o.bestReachable)}, doel ${pct(target)})`,
          description:
            `Dit half uur: A = ${o.A} binnen ${s.now.norm_seconds} s beantwoord, O = ${o.O} aangeboden ` +
            `(in de rij minus korter dan ${s.now.short_abandon_seconds} s opgehangen), R = ${o.R.toFixed(1)} nog verwacht ` +
            `(${s.windows['15m'].queued} per 15 min × ${o.minutesLeft.toFixed(1)} min over). ` +
            `Best haalbaar (A + R) ÷ (O + R) = ${pct(o.bestReachable)}; doel ${pct(target)}` +
            (enough ? '.' : `; te weinig aangeboden om te oordelen (minimaal ${rule.min_offered}).`) +
            erlangNote(s, target),
        }),
      ];
    });
  },
};
