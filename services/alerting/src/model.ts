/**
 * The contracts between alerting's stages. Data flows one way:
 *
 *   inputs (Kafka: kpi.v1, deadlines.v1, events.reference.v1, alerting.config.v1)
 *     → world (TenantView: the latest snapshots, deadline items, norms, opening hours, settings)
 *     → rules (one module per rule kind: TenantView → Observation[])
 *     → lifecycle (AlertBook: pending → firing → resolved; publishes AlertMessage on alerts.v1)
 *     → dispatch (groups per municipality and team; group wait, group interval, repeat interval)
 *     → notify stages (mute → silence → acknowledgement → escalation → dedup → retry → log)
 *     → receivers (webhook, e-mail) and the history in ClickHouse.
 *
 * No stage calls back into an earlier one; each gets what it needs as data.
 */
import type {
  Acknowledgement,
  AlertMessage,
  AlertRule,
  AlertSeverity,
  AlertState,
  DeadlineItem,
  KpiDomain,
  KpiScopeKind,
  KpiSnapshot,
  Mute,
  PayloadOf,
  Silence,
} from '@stuurwiel/schemas';

export type { AlertSeverity };
export type NormPayload = PayloadOf<'reference.norm'>;
export type NormKpi = NormPayload['kpi'];
export type Labels = Readonly<Record<string, string>>;

/** A scope that can have opening hours. */
export interface OpeningScope {
  kind: 'tenant' | 'location' | 'queue' | 'source';
  id?: string;
}

/** What alerting knows of one municipality; read-only for rules and stages. */
export interface TenantView {
  readonly tenant: string;
  /** Latest snapshot per scope of a domain, optionally of one scope kind. */
  snapshots(domain: KpiDomain, scopeKind?: KpiScopeKind): readonly KpiSnapshot[];
  /** Open deadline items (tombstoned ones are gone). */
  deadlineItems(): Iterable<DeadlineItem>;
  /** The norm set for exactly this scope, else for the tenant; undefined when none is set. */
  norm(kpi: NormKpi, scope?: { kind: NormPayload['scope']['kind']; id?: string }): NormPayload | undefined;
  /**
   * Whether the scope is open at `at` by its opening hours (a queue without hours follows its
   * location, a location or source the tenant; no hours at all: always open), closed on the
   * municipality's closing days and public holidays when its hours say so.
   */
  isOpen(scope: OpeningScope, at: Date): boolean;
  /** The location a queue belongs to (reference.queue), if known. */
  locationOfQueue(queueId: string): string | undefined;
  rules(): readonly AlertRule[];
  silences(): readonly Silence[];
  mutes(): readonly Mute[];
  acknowledgement(fingerprint: string): Acknowledgement | undefined;
}

/** One rule's finding about one alert at an instant. */
export interface Observation {
  /** alertFingerprint(labels). */
  fingerprint: string;
  rule: AlertRule;
  /** tenant, rule_id and the scope (team, location, queue, case_type, source, status …). */
  labels: Labels;
  /** The condition holds now (hysteresis already applied by the rule). */
  active: boolean;
  severity: AlertSeverity;
  value: number | null;
  threshold: number | null;
  unit: AlertMessage['unit'];
  summary: string;
  description: string;
  items: AlertMessage['items'];
  items_total: number;
  /** How long the condition must hold before the alert fires. */
  for_seconds: number;
  /**
   * The domain whose figures decided: while a source feeding that domain is quiet, an inactive
   * observation must not resolve the alert (old figures do not mean all is well).
   */
  domain: KpiDomain | null;
}

/**
 * One kind of rule: how it reads the world. Adding a kind is one module in `rules/`.
 * `M` is what one rule of one tenant remembers between evaluations (e.g. since when a forecast
 * is clear, a source's usual gap): explicit, so a test can hand it in and look at it.
 */
export interface RuleKind<R extends AlertRule = AlertRule, M = undefined> {
  kind: R['kind'];
  /** A fresh memory for one rule of one tenant. */
  memory(): M;
  /**
   * Observations for every alert the rule has an opinion about now. `firing` holds the
   * fingerprints of this rule's alerts that are firing, for hysteresis; an alert the rule no
   * longer mentions resolves.
   */
  evaluate(rule: R, view: TenantView, now: Date, firing: ReadonlySet<string>, memory: M): Observation[];
}

/** A notification to one receiver about one group of alerts. */
export interface Notification {
  /**
   * Deterministic id (group, receiver, and each alert's fingerprint, state and occurrence): sent
   * again after a crash, it carries the same id, so receivers can drop the repeat.
   */
  notification_id: string;
  tenant: string;
  group_key: string;
  group_labels: Labels;
  receiver: string;
  reason: 'firing' | 'resolved' | 'repeat' | 'escalation';
  alerts: readonly AlertMessage[];
  created_at: string;
}

/** Sends a notification; throws when the receiver did not take it (the retry stage decides). */
export interface Receiver {
  readonly name: string;
  readonly type: 'webhook' | 'email';
  send(notification: Notification, signal: AbortSignal): Promise<void>;
}

/** Where every state change and notification attempt is kept (ClickHouse alert history). */
export interface AlertHistory {
  recordStates(alerts: readonly AlertMessage[]): Promise<void>;
  recordAttempt(attempt: {
    notification: Notification;
    attempt: number;
    outcome: 'sent' | 'failed' | 'dead_letter' | 'suppressed';
    reason: string | null;
    at: string;
  }): Promise<void>;
}

export type { AlertState };
