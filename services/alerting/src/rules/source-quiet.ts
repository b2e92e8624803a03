import { type AlertRule, type KpiDomain, type KpiSnapshotOf, SOURCE_DOMAIN } from '@stuurwiel/schemas';
import type { Observation, RuleKind, TenantView } from '../model.js';
import { formatValue } from './format.js';
import { inScope, observe, snapshotLabels } from './observation.js';

type SourceQuietRule = Extract<AlertRule, { kind: 'source_quiet' }>;
type SourceSnapshot = KpiSnapshotOf<'sources'>;
type SourceSystem = NonNullable<SourceSnapshot['now']['system']>;

/** The usual gap between events, in seconds, per source scope id, as last seen while it was active. */
export type QuietMemory = Map<string, number>;

export { SOURCE_DOMAIN };

const MINUTE = 60_000;
const ACTIVE_SILENCE_SECONDS = 60;

/** When the source last sent: receive time (our clocks), else event time (the source's clock). */
function lastSeen(s: SourceSnapshot): number | null {
  const at = s.now.last_received_at ?? s.now.last_event_at;
  return at === null ? null : Date.parse(at);
}

/**
 * Updates the usual gap (900 s ÷ events_15m) while the source is active, i.e. its silence at as_of
 * is no longer than that gap (or a minute, for a busy source whose snapshot comes at most once a
 * second): a source falling quiet has fewer events in its 15 minutes, which would otherwise
 * stretch its usual gap exactly when it matters.
 */
export function learnGap(s: SourceSnapshot, memory: QuietMemory): number | undefined {
  const seen = lastSeen(s);
  const id = s.scope.id ?? '';
  if (s.now.events_15m > 0 && seen !== null) {
    const gap = 900 / s.now.events_15m;
    if ((Date.parse(s.as_of) - seen) / 1000 <= Math.max(gap, ACTIVE_SILENCE_SECONDS)) memory.set(id, gap);
  }
  return memory.get(id);
}

/** clamp(gap_factor × usual gap, min, max) in minutes; without a known gap, the maximum. */
export function quietLimitMinutes(rule: SourceQuietRule, gapSeconds: number | undefined): number {
  if (gapSeconds === undefined) return rule.max_quiet_minutes;
  return Math.min(
    rule.max_quiet_minutes,
    Math.max(rule.min_quiet_minutes, (rule.gap_factor * gapSeconds) / 60),
  );
}

/**
 * Whether the source was open throughout the last `minutes` (sampled each minute and at both
 * ends). Quiet time counts only while open: a source closed at night is not quiet, and after it
 * opens it gets the full limit before it is.
 */
function openThroughout(view: TenantView, id: string, now: Date, minutes: number): boolean {
  const scope = { kind: 'source' as const, id };
  for (let m = 0; m < minutes; m++)
    if (!view.isOpen(scope, new Date(now.getTime() - m * MINUTE))) return false;
  return view.isOpen(scope, new Date(now.getTime() - minutes * MINUTE));
}

/**
 * A source that sent nothing during its opening hours for longer than clamp(gap_factor × its
 * usual gap, min_quiet_minutes, max_quiet_minutes). The snapshot of a quiet source stops
 * changing, so its times are compared with `now`, never with its own as_of.
 */
export const sourceQuietKind: RuleKind<SourceQuietRule, QuietMemory> = {
  kind: 'source_quiet',
  memory: () => new Map(),
  evaluate(rule, view, now, _firing, memory) {
    const scope = { kind: 'source' as const, ...(rule.source === undefined ? {} : { id: rule.source }) };
    return inScope(view, 'sources', scope).flatMap((s) => {
      const seen = lastSeen(s);
      // Reference data (locations, norms, opening hours) is sent when it changes: its silence is
      // the normal state, not a source that stopped.
      if (seen === null || s.scope.id === null || s.now.system === 'reference') return [];
      const gap = learnGap(s, memory);
      const limit = quietLimitMinutes(rule, gap);
      const quietMinutes = Math.max(0, (now.getTime() - seen) / MINUTE);
      const quiet = quietMinutes > limit && openThroughout(view, s.scope.id, now, Math.ceil(limit));
      const name = [s.now.system, s.now.vendor, s.now.instance].filter((x) => x !== null).join(' / ');
      const labels = {
        ...snapshotLabels(rule, s),
        ...(s.now.system === null ? {} : { system: s.now.system }),
      };
      return [
        observe(rule, labels, {
          active: quiet,
          severity: rule.severity,
          value: null,
          threshold: null,
          unit: null,
          domain: 'sources',
          summary: `${rule.name}: geen gegevens van ${name || s.scope.id} sinds ${new Date(seen).toISOString()}`,
          description:
            `Laatst ontvangen ${new Date(seen).toISOString()}, ${formatValue(quietMinutes, 'minutes')} geleden. ` +
            `Gebruikelijke tussenpoos ${gap === undefined ? 'onbekend' : formatValue(gap, 'seconds')} ` +
            `(900 s ÷ gebeurtenissen in 15 min, gemeten toen de bron actief was); ` +
            `grens ${formatValue(limit, 'minutes')} = ${rule.gap_factor} × tussenpoos, begrensd op ` +
            `${rule.min_quiet_minutes}–${rule.max_quiet_minutes} min, alleen binnen openingstijden.`,
        }),
      ];
    });
  },
};

/**
 * The domains whose sources are quiet now, from a round's observations: the lifecycle keeps an
 * alert of such a domain as it is rather than resolve it on figures that merely stopped moving.
 */
export function quietDomains(observations: readonly Observation[]): ReadonlySet<KpiDomain> {
  const out = new Set<KpiDomain>();
  for (const o of observations) {
    if (o.rule.kind !== 'source_quiet' || !o.active) continue;
    const domain = SOURCE_DOMAIN[o.labels.system as SourceSystem];
    if (domain) out.add(domain);
  }
  return out;
}
