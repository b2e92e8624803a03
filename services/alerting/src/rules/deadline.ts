import type { AlertMessage, AlertRule, DeadlineItem, KpiDomain } from '@stuurwiel/schemas';
import type { Observation, RuleKind } from '../model.js';
import { observe, ruleLabels } from './observation.js';

type DeadlineRule = Extract<AlertRule, { kind: 'deadline' }>;
type ListedStatus = 'at_risk' | 'overdue';

export const MAX_ITEMS = 500;

/**
 * An item's status at `now`, from the instants the aggregator computed (alerting never counts
 * working days): past due_at → overdue; from at_risk_from on → at risk. A suspended item is never
 * at risk, its deadline frozen; it is overdue only when the aggregator says so (suspended after
 * its deadline passed).
 */
export function statusAt(item: DeadlineItem, now: Date): AlertMessage['items'][number]['status'] {
  if (item.suspended) return item.status === 'overdue' ? 'overdue' : 'suspended';
  const t = now.getTime();
  if (t > Date.parse(item.due_at)) return 'overdue';
  if (item.at_risk_from !== null && t >= Date.parse(item.at_risk_from)) return 'at_risk';
  return 'on_track';
}

const DOMAIN_OF: Record<DeadlineItem['kind'], KpiDomain> = {
  case: 'cases',
  callback: 'phone',
  written_answer: 'written',
  written_acknowledge: 'written',
};

/**
 * The group labels of an item. A callback carries no team: where the rule groups by team, its
 * queue stands in, so that the queue's team lead gets the alert.
 */
function groupLabels(rule: DeadlineRule, item: DeadlineItem): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const by of rule.group_by) {
    const value = item[by];
    if (value !== null) labels[by] = value;
    else if (by === 'team' && item.queue !== null) labels.queue = item.queue;
  }
  return labels;
}

const KIND_NAMES: Record<DeadlineItem['kind'], string> = {
  case: 'zaken',
  callback: 'terugbelverzoeken',
  written_answer: 'brieven en e-mails (antwoord)',
  written_acknowledge: 'brieven en e-mails (ontvangstbevestiging)',
};

interface Group {
  labels: Record<string, string>;
  items: { item: DeadlineItem; status: ListedStatus }[];
}

/**
 * Open deadline items per group (default: team and case type), two alerts a group: at risk (the
 * rule's severity) and overdue (overdue_severity), each listing its items by deadline, at most
 * 500 of them, with the total beside. The whole team is warned: the team label, never the handler.
 */
export const deadlineKind: RuleKind<DeadlineRule> = {
  kind: 'deadline',
  memory: () => undefined,
  evaluate(rule, view, now) {
    const kinds = new Set(rule.item_kinds);
    const groups = new Map<string, Group>();
    for (const item of view.deadlineItems()) {
      if (!kinds.has(item.kind)) continue;
      const status = statusAt(item, now);
      if (status !== 'at_risk' && status !== 'overdue') continue;
      const labels = { ...groupLabels(rule, item), status };
      const key = JSON.stringify(Object.entries(labels).sort());
      const group: Group = groups.get(key) ?? { labels, items: [] };
      group.items.push({ item, status });
      groups.set(key, group);
    }
    return [...groups.values()].map((g) => toObservation(rule, view.tenant, g));
  },
};

function toObservation(rule: DeadlineRule, tenant: string, group: Group): Observation {
  const sorted = group.items.sort(
    (a, b) =>
      Date.parse(a.item.due_at) - Date.parse(b.item.due_at) || a.item.item_id.localeCompare(b.item.item_id),
  );
  const status = group.labels.status as ListedStatus;
  const domains = new Set(sorted.map((x) => DOMAIN_OF[x.item.kind]));
  const kinds = [...new Set(sorted.map((x) => KIND_NAMES[x.item.kind]))].join(', ');
  const where = Object.entries(group.labels)
    .filter(([k]) => k !== 'status')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const first = sorted[0]?.item;
  const verdict = status === 'overdue' ? 'over de termijn' : 'dreigen de termijn te overschrijden';
  const labels = { ...ruleLabels(rule, tenant), ...group.labels };
  return observe(rule, labels, {
    active: true,
    severity: status === 'overdue' ? rule.overdue_severity : rule.severity,
    value: null,
    threshold: null,
    unit: null,
    domain: domains.size === 1 ? ([...domains][0] ?? null) : null,
    items: sorted.slice(0, MAX_ITEMS).map(({ item, status: s }) => ({
      kind: item.kind,
      item_id: item.item_id,
      due_at: item.due_at,
      working_days_left: item.working_days_left,
      status: s,
    })),
    items_total: sorted.length,
    summary: `${rule.name}${where ? `, ${where}` : ''}: ${sorted.length} ${kinds} ${verdict} (eerste uiterlijk ${first?.due_date})`,
    description:
      `${sorted.length} open ${kinds} ${verdict}, op volgorde van termijn` +
      (sorted.length > MAX_ITEMS ? ` (de eerste ${MAX_ITEMS} staan in de lijst)` : '') +
      `: ${sorted
        .slice(0, 10)
        .map((x) => `${x.item.item_id} (uiterlijk ${x.item.due_date})`)
        .join(', ')}${sorted.length > 10 ? ', …' : ''}.`,
  });
}
