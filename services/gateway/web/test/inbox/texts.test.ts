import { describe, expect, it } from 'vitest';
import { placeText, valueText, workingDaysText } from '../../src/pages/inbox/describe.js';
import { matchersFor } from '../../src/pages/inbox/matchers.js';
import { type InboxT, inboxMessages } from '../../src/pages/inbox/messages.js';
import { alert } from './alert-fixture.js';

const t: InboxT = (key, values = {}) =>
  inboxMessages.nl[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
const format = {
  number: (n: number) => String(n),
  percent: (share: number) => `${Math.round(share * 100)}%`,
  duration: (seconds: number) => `${Math.round(seconds / 60)} min`,
};

describe('what an inbox row says', () => {
  it('gives a value in its unit', () => {
    expect(valueText(900, 'seconds', format)).toBe('15 min');
    expect(valueText(45, 'seconds', format)).toBe('45 s');
    expect(valueText(12, 'minutes', format)).toBe('12 min');
    expect(valueText(0.72, 'share', format)).toBe('72%');
    expect(valueText(7, 'count', format)).toBe('7');
  });

  it('counts working days left, on the due day and past it', () => {
    expect([3, 1, 0, -1, -7].map((n) => workingDaysText(n, t))).toEqual([
      '3 werkdagen',
      '1 werkdag',
      'vandaag',
      '1 werkdag te laat',
      '7 werkdagen te laat',
    ]);
  });

  it('names the place by team, location, queue, then the rest; the municipality when it has none', () => {
    expect(
      placeText(
        alert({ labels: { tenant: 'GM0363', case_type: 'paspoort', team: 'burgerzaken', rule_id: 'x' } }),
        t,
      ),
    ).toBe('team burgerzaken · zaaktype paspoort');
    expect(placeText(alert({ labels: { tenant: 'GM0363', rule_id: 'phone-half-hour' } }), t)).toBe(
      'hele gemeente',
    );
  });
});

describe('the matchers of a silence or mute set from an alert', () => {
  const deadline = alert({
    rule_id: 'deadlines-cases',
    labels: {
      tenant: 'GM0363',
      rule_id: 'deadlines-cases',
      team: 'vergunningen',
      case_type: 'omgevingsvergunning',
      status: 'overdue',
    },
  });

  it('match this alert only by all its labels but the municipality', () => {
    expect(matchersFor(deadline, 'alert')).toEqual([
      { name: 'case_type', value: 'omgevingsvergunning', op: '=' },
      { name: 'rule_id', value: 'deadlines-cases', op: '=' },
      { name: 'status', value: 'overdue', op: '=' },
      { name: 'team', value: 'vergunningen', op: '=' },
    ]);
  });

  it('match the rule at the alert’s place, or the rule everywhere', () => {
    expect(matchersFor(deadline, 'place')).toEqual([
      { name: 'rule_id', value: 'deadlines-cases', op: '=' },
      { name: 'team', value: 'vergunningen', op: '=' },
      { name: 'case_type', value: 'omgevingsvergunning', op: '=' },
    ]);
    expect(matchersFor(deadline, 'rule')).toEqual([{ name: 'rule_id', value: 'deadlines-cases', op: '=' }]);
  });
});
