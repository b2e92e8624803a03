import type { Acknowledgement, AlertMessage, AlertRule, KpiDomain } from '@stuurwiel/schemas';
import type { Observation } from '../model.js';

/** What the notify side says about an alert now; published with it on alerts.v1. */
export interface AlertStatus {
  acknowledgement: Acknowledgement | null;
  silenced_by: string[];
  muted_by: string[];
  escalated_at: string | null;
}

export interface Evaluation {
  tenant: string;
  now: Date;
  /** The tenant's rules as they are now: an alert of a rule that is gone (or disabled) resolves. */
  rules: readonly AlertRule[];
  observations: readonly Observation[];
  /** Domains fed by a source that is quiet now: their inactive observations do not resolve. */
  quietDomains: ReadonlySet<KpiDomain>;
  /** Status of an alert now; left out: the status an alert already has is kept. */
  status?: (alert: AlertMessage) => AlertStatus;
}

interface Entry {
  message: AlertMessage;
  /** The domain of the last observation; unknown for an alert restored from its message. */
  domain: KpiDomain | null;
}

/**
 * The alerts of every municipality by fingerprint, moving pending → firing → resolved as the rules
 * observe them. `evaluate` returns the AlertMessages that changed (the alerts.v1 publication):
 * state, occurrence, severity, the value crossing its threshold, the deadline items, and the
 * acknowledgement, silence, mute and escalation status. A value that merely moves is kept but not
 * published on its own, so the topic does not churn with every snapshot.
 */
export class AlertBook {
  readonly #tenants = new Map<string, Map<string, Entry>>();

  /** The book as last published (or recorded): the latest message per alert wins. */
  static restore(messages: Iterable<AlertMessage>): AlertBook {
    const book = new AlertBook();
    for (const message of messages) {
      const alerts = book.#alertsOf(message.tenant);
      const known = alerts.get(message.fingerprint);
      if (known !== undefined && Date.parse(known.message.updated_at) > Date.parse(message.updated_at))
        continue;
      alerts.set(message.fingerprint, { message, domain: known?.domain ?? null });
    }
    return book;
  }

  evaluate(evaluation: Evaluation): AlertMessage[] {
    const { tenant, now, quietDomains } = evaluation;
    const at = now.toISOString();
    const alerts = this.#alertsOf(tenant);
    const changed = new Map<string, AlertMessage>();
    const mentioned = new Set<string>();

    for (const observation of evaluation.observations) {
      mentioned.add(observation.fingerprint);
      const entry = alerts.get(observation.fingerprint);
      const next = step(tenant, entry?.message, observation, now, quietDomains);
      if (next === undefined) continue;
      alerts.set(observation.fingerprint, { message: next.message, domain: observation.domain });
      if (next.publish) changed.set(observation.fingerprint, next.message);
    }

    const ruleIds = new Set(evaluation.rules.filter((r) => r.enabled).map((r) => r.rule_id));
    for (const [fingerprint, entry] of alerts) {
      if (mentioned.has(fingerprint) || entry.message.state === 'resolved') continue;
      // The rule no longer mentions the alert; only a quiet source's silence keeps it as it was.
      const held =
        ruleIds.has(entry.message.rule_id) && entry.domain !== null && quietDomains.has(entry.domain);
      if (held) continue;
      const message = resolve(entry.message, at);
      alerts.set(fingerprint, { ...entry, message });
      changed.set(fingerprint, message);
    }

    if (evaluation.status !== undefined) {
      for (const [fingerprint, entry] of alerts) {
        if (entry.message.state === 'resolved' && !changed.has(fingerprint)) continue;
        const message = withStatus(entry.message, evaluation.status(entry.message));
        if (message === entry.message) continue;
        const published = { ...message, updated_at: at };
        alerts.set(fingerprint, { ...entry, message: published });
        changed.set(fingerprint, published);
      }
    }
    return [...changed.values()];
  }

  /** Fingerprints of a rule's firing alerts, for the rule's hysteresis. */
  firing(tenant: string, ruleId: string): Set<string> {
    const firing = new Set<string>();
    for (const [fingerprint, { message }] of this.#alertsOf(tenant))
      if (message.rule_id === ruleId && message.state === 'firing') firing.add(fingerprint);
    return firing;
  }

  /** Every alert the book knows, resolved ones included (they hold the occurrence count). */
  alerts(tenant?: string): AlertMessage[] {
    const tenants = tenant === undefined ? [...this.#tenants.values()] : [this.#alertsOf(tenant)];
    return tenants.flatMap((alerts) => [...alerts.values()].map((e) => e.message));
  }

  get(tenant: string, fingerprint: string): AlertMessage | undefined {
    return this.#tenants.get(tenant)?.get(fingerprint)?.message;
  }

  #alertsOf(tenant: string): Map<string, Entry> {
    const alerts = this.#tenants.get(tenant) ?? new Map<string, Entry>();
    this.#tenants.set(tenant, alerts);
    return alerts;
  }
}

/** The next message of one alert after an observation; undefined: nothing to keep. */
function step(
  tenant: string,
  previous: AlertMessage | undefined,
  o: Observation,
  now: Date,
  quietDomains: ReadonlySet<KpiDomain>,
): { message: AlertMessage; publish: boolean } | undefined {
  const at = now.toISOString();
  const live = previous !== undefined && previous.state !== 'resolved';
  if (!o.active) {
    if (!live) return undefined;
    // Old figures of a quiet source do not mean all is well: the alert stays as it was.
    if (o.domain !== null && quietDomains.has(o.domain)) return undefined;
    return { message: resolve(content(previous, o), at), publish: true };
  }
  if (!live) {
    const firing = o.for_seconds <= 0;
    const message: AlertMessage = {
      spec_version: 1,
      tenant,
      fingerprint: o.fingerprint,
      rule_id: o.rule.rule_id,
      rule_kind: o.rule.kind,
      labels: { ...o.labels },
      state: firing ? 'firing' : 'pending',
      ...observed(o),
      occurrence: (previous?.occurrence ?? (previous === undefined ? 0 : 1)) + 1,
      starts_at: at,
      fired_at: firing ? at : null,
      resolved_at: null,
      updated_at: at,
      changed_at: at,
      acknowledgement: null,
      silenced_by: [],
      muted_by: [],
      escalated_at: null,
    };
    return { message, publish: true };
  }
  const fires =
    previous.state === 'pending' && now.getTime() - Date.parse(previous.starts_at) >= o.for_seconds * 1000;
  const next = content(previous, o);
  const material = fires || previous.severity !== o.severity || hasNewItem(previous, o);
  const message: AlertMessage = {
    ...next,
    state: fires ? 'firing' : previous.state,
    fired_at: fires ? at : previous.fired_at,
    changed_at: material ? at : previous.changed_at,
  };
  const publish =
    material ||
    crossed(previous.value, o.value, o.threshold) ||
    previous.threshold !== o.threshold ||
    previous.items_total !== o.items_total ||
    JSON.stringify(previous.items) !== JSON.stringify(o.items);
  return { message: publish ? { ...message, updated_at: at } : message, publish };
}

/** The observed content over the alert's lasting fields (its occurrence, times and status stay). */
function content(previous: AlertMessage, o: Observation): AlertMessage {
  return { ...previous, ...observed(o) };
}

function observed(o: Observation) {
  const { severity, summary, description, value, threshold, unit, items, items_total } = o;
  return { severity, summary, description, value, threshold, unit, items, items_total };
}

function resolve(message: AlertMessage, at: string): AlertMessage {
  return { ...message, state: 'resolved', resolved_at: at, changed_at: at, updated_at: at };
}

function hasNewItem(previous: AlertMessage, o: Observation): boolean {
  const known = new Set(previous.items.map((i) => `${i.kind}|${i.item_id}`));
  return o.items.some((i) => !known.has(`${i.kind}|${i.item_id}`)) || o.items_total > previous.items_total;
}

/** The value moved to the other side of its threshold (e.g. inside a hysteresis band). */
function crossed(before: number | null, after: number | null, threshold: number | null): boolean {
  if (before === null || after === null || threshold === null) return before !== after;
  return Math.sign(before - threshold) !== Math.sign(after - threshold);
}

function withStatus(message: AlertMessage, status: AlertStatus): AlertMessage {
  const same =
    sameAcknowledgement(message.acknowledgement, status.acknowledgement) &&
    sameIds(message.silenced_by, status.silenced_by) &&
    sameIds(message.muted_by, status.muted_by) &&
    message.escalated_at === status.escalated_at;
  return same
    ? message
    : {
        ...message,
        acknowledgement: status.acknowledgement,
        silenced_by: [...status.silenced_by].sort(),
        muted_by: [...status.muted_by].sort(),
        escalated_at: status.escalated_at,
      };
}

function sameAcknowledgement(a: Acknowledgement | null, b: Acknowledgement | null): boolean {
  return a === b || (a !== null && b !== null && a.at === b.at && a.acknowledged_by === b.acknowledged_by);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...b].sort();
  return [...a].sort().every((id, i) => id === sorted[i]);
}
