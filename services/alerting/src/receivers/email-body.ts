import type { AlertMessage } from '@stuurwiel/schemas';
import type { Notification } from '../model.js';

/** The Dutch text of an alert e-mail: subject, plain text and HTML, from one notification. */
export interface EmailBody {
  subject: string;
  text: string;
  html: string;
}

const REASON: Record<Notification['reason'], string> = {
  firing: 'Waarschuwing',
  resolved: 'Opgelost',
  repeat: 'Herinnering',
  escalation: 'Escalatie',
};
const STATE: Record<AlertMessage['state'], string> = {
  pending: 'in afwachting',
  firing: 'actief',
  resolved: 'opgelost',
};
const SEVERITY: Record<AlertMessage['severity'], string> = { warning: 'waarschuwing', critical: 'kritiek' };
const ITEM_KIND: Record<AlertMessage['items'][number]['kind'], string> = {
  case: 'Zaak',
  callback: 'Terugbelverzoek',
  written_answer: 'Schriftelijk antwoord',
  written_acknowledge: 'Ontvangstbevestiging',
};
const ITEM_STATUS: Record<AlertMessage['items'][number]['status'], string> = {
  on_track: 'op schema',
  at_risk: 'dreigt te verlopen',
  overdue: 'verlopen',
  suspended: 'opgeschort',
};

/** Items listed per alert in a mail; the rest is counted (the inbox has them all). */
export const MAX_ITEMS_PER_ALERT = 50;

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'long',
  timeStyle: 'short',
});
const when = (iso: string) => dateTime.format(new Date(iso));

function daysLeft(n: number): string {
  if (n === 0) return 'vandaag de laatste werkdag';
  if (n > 0) return `nog ${n} ${n === 1 ? 'werkdag' : 'werkdagen'}`;
  return `${-n} ${n === -1 ? 'werkdag' : 'werkdagen'} te laat`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** A measured value in its unit, as a team lead reads it: 15 min, 72%, 12. */
function quantity(value: number, unit: AlertMessage['unit']): string {
  switch (unit) {
    case 'seconds':
      return value >= 120 ? `${decimal.format(value / 60)} min` : `${decimal.format(value)} s`;
    case 'minutes':
      return `${decimal.format(value)} min`;
    case 'share':
      return `${decimal.format(value * 100)}%`;
    default:
      return decimal.format(value);
  }
}

interface AlertLines {
  heading: string;
  facts: string[];
  description: string;
  items: string[];
  more: number;
}

function alertLines(a: AlertMessage): AlertLines {
  const facts = [`Status: ${STATE[a.state]}, ${SEVERITY[a.severity]}`, `Sinds: ${when(a.starts_at)}`];
  if (a.value !== null)
    facts.push(
      `Waarde: ${quantity(a.value, a.unit)}${a.threshold === null ? '' : ` (drempel ${quantity(a.threshold, a.unit)})`}`,
    );
  if (a.resolved_at) facts.push(`Opgelost: ${when(a.resolved_at)}`);
  if (a.acknowledgement) facts.push(`Gezien door: ${a.acknowledgement.acknowledged_by}`);
  const items = [...a.items]
    .sort((x, y) => Date.parse(x.due_at) - Date.parse(y.due_at))
    .slice(0, MAX_ITEMS_PER_ALERT)
    .map(
      (i) =>
        `${ITEM_KIND[i.kind]} ${i.item_id}: uiterlijk ${when(i.due_at)} (${daysLeft(i.working_days_left)}, ${ITEM_STATUS[i.status]})`,
    );
  return {
    heading: a.summary,
    facts,
    description: a.description,
    items,
    more: Math.max(0, a.items_total - items.length),
  };
}

function subject(n: Notification): string {
  const first = n.alerts[0];
  const what = n.alerts.length === 1 && first ? first.summary : `${n.alerts.length} meldingen`;
  const team = n.group_labels.team ? ` (team ${n.group_labels.team})` : '';
  return `[Stuurwiel ${n.tenant}] ${REASON[n.reason]}: ${what}${team}`;
}

function intro(n: Notification): string {
  const firing = n.alerts.filter((a) => a.state === 'firing').length;
  const resolved = n.alerts.filter((a) => a.state === 'resolved').length;
  return `${REASON[n.reason]} voor ${n.tenant}: ${firing} actief, ${resolved} opgelost.`;
}

export function emailBody(n: Notification): EmailBody {
  const alerts = n.alerts.map(alertLines);
  const footer = `Melding ${n.notification_id}, verstuurd ${when(n.created_at)}.`;
  const text = [
    intro(n),
    ...alerts.map((a) =>
      [
        `\n== ${a.heading}`,
        ...a.facts,
        a.description,
        ...(a.items.length ? ['Termijnen (eerste eerst):', ...a.items.map((i) => `- ${i}`)] : []),
        ...(a.more ? [`… en nog ${a.more}`] : []),
      ].join('\n'),
    ),
    `\n${footer}`,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="nl"><body>',
    `<p>${escapeHtml(intro(n))}</p>`,
    ...alerts.map(
      (a) =>
        `<h2>${escapeHtml(a.heading)}</h2><p>${a.facts.map(escapeHtml).join('<br>')}</p>` +
        `<p>${escapeHtml(a.description)}</p>` +
        (a.items.length
          ? `<p>Termijnen (eerste eerst):</p><ol>${a.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ol>`
          : '') +
        (a.more ? `<p>… en nog ${a.more}</p>` : ''),
    ),
    `<p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: subject(n), text, html };
}
