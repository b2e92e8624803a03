import { makeEvent } from '@stuurwiel/infra/testing';
import { manualClock } from '@stuurwiel/runtime';
import {
  type AlertMessage,
  type AlertRule,
  alertDetailResponse,
  type CanonicalEventInput,
  muteListResponse,
  silenceListResponse,
} from '@stuurwiel/schemas';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, seriousViolations } from '../../../../test/browser/browser.js';
import { startWebStack, TENANT, type WebStack } from './support/web-stack.js';

// Wednesday 4 March 2026, 10:00 in Amsterdam; the aggregator, alerting and the gateway share this clock.
const NOW = '2026-03-04T09:00:00Z';
const TEAM = 'vergunningen';
const CASE_TYPE = 'omgevingsvergunning';

// Cases of 20 working days (no holidays in February or early March 2026), by hand:
// started 26 Jan → due Mon 23 Feb; 2 Feb → Mon 2 Mar (both overdue on 4 Mar); 4 Feb → Wed 4 Mar
// (due today); 5 Feb → Thu 5 Mar (1 working day left); 6 Feb → Fri 6 Mar (2 left, the last day
// of the default horizon of 2 working days); 9 Feb → Mon 9 Mar (3 left: on track, not listed).
const CASES: [string, string][] = [
  ['Z-103', '2026-02-06'],
  ['Z-100', '2026-01-26'],
  ['Z-105', '2026-02-09'],
  ['Z-102', '2026-02-04'],
  ['Z-101', '2026-02-02'],
  ['Z-104', '2026-02-05'],
];
const caseEvents: CanonicalEventInput[] = CASES.map(([id, start]) =>
  makeEvent(
    'case.created',
    `${start}T08:00:00Z`,
    {
      case_id: id,
      case_type_id: CASE_TYPE,
      start_date: start,
      lead_time_norm: { target: 20, unit: 'working_days' },
      team_id: TEAM,
    },
    { tenant: TENANT },
  ),
);
// A callback promised yesterday within 1 working day: due at the end of today.
const callback = makeEvent(
  'callback.requested',
  '2026-03-03T10:00:00Z',
  { callback_id: 'T-7', queue_id: 'kcc', promise: { target: 1, unit: 'working_days' } },
  { tenant: TENANT },
);
// Three visitors waiting at the counter since 09:35, 09:40 and 09:50 (Amsterdam).
const visits: CanonicalEventInput[] = ['08:35', '08:40', '08:50'].map((at, i) =>
  makeEvent(
    'visit.arrived',
    `2026-03-04T${at}:00Z`,
    { visit_id: `v${i}`, location_id: 'centrum', queue_id: 'balie', kind: 'walk_in' },
    { tenant: TENANT },
  ),
);

// The municipality's own rules, set through the gateway as a manager does.
const counterRules: AlertRule[] = [
  {
    rule_id: 'inbox-longest-wait',
    name: 'Langste wachttijd balie',
    kind: 'threshold',
    domain: 'counter',
    scope: { kind: 'location', id: 'centrum' },
    metric: 'now.longest_wait_seconds',
    operator: 'above',
    threshold: 600,
    for_seconds: 0,
    min_count: 0,
    severity: 'warning',
    enabled: true,
  },
  {
    rule_id: 'inbox-waiting',
    name: 'Wachtenden balie',
    kind: 'threshold',
    domain: 'counter',
    scope: { kind: 'location', id: 'centrum' },
    metric: 'now.waiting',
    operator: 'above',
    threshold: 2,
    // Pending for the hour that the manual clock never reaches.
    for_seconds: 3600,
    min_count: 0,
    severity: 'critical',
    enabled: true,
  },
];

const overdueCases = (a: AlertMessage) =>
  a.rule_id === 'deadlines-cases' && a.labels.status === 'overdue' && a.state === 'firing';
const casesAtRisk = (a: AlertMessage) =>
  a.rule_id === 'deadlines-cases' && a.labels.status === 'at_risk' && a.items.length === 3;

/** Presses Tab (or Shift+Tab) until `target` has the focus: the keyboard's way there. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < 200; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error('not reached by the keyboard');
}

const focused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

describe('the team lead’s inbox against the real stack', () => {
  const clock = manualClock(NOW);
  let web: WebStack;
  let browser: Browser;
  let page: Page;
  let overdue: AlertMessage;
  let atRisk: AlertMessage;
  const errors: string[] = [];

  const api = async (path: string, role: 'teamlead' | 'manager' = 'teamlead', init: RequestInit = {}) => {
    const response = await fetch(`${web.url}/api/v1${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await web.token(role)}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const row = (fingerprint: string) =>
    page.locator(`[data-testid="inbox-alert"][data-fingerprint="${fingerprint}"]`);

  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebStack({ name: 'inbox', clock, location: 'centrum' }),
      launchBrowser(),
    ]);
    await web.stack.startAlerting(web.stack.alertingEnv(), clock);
    for (const rule of counterRules) {
      const created = await api('/rules', 'manager', { method: 'POST', body: JSON.stringify(rule) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await web.stack.post([...caseEvents, callback]);
    overdue = await web.stack.waitForAlert('overdue cases', overdueCases, 60_000);
    atRisk = await web.stack.waitForAlert('cases at risk', casesAtRisk, 60_000);
    await web.stack.waitForAlert('callback at risk', (a) => a.rule_id === 'deadlines-callbacks', 60_000);

    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // The refusal the silence test provokes is the browser's network log, not an error of the page.
      const provoked = message.text().includes('status of 400 (Bad Request)');
      if (message.type() === 'error' && !provoked) errors.push(message.text());
    });
    await page.goto(`${web.url}/inbox#token=${await web.token('teamlead')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('lists the open alerts most urgent first, and one fired by alerting appears within 2 seconds of its publication on alerts.v1', async () => {
    await row(overdue.fingerprint).waitFor();
    await row(atRisk.fingerprint).waitFor();
    // The token stays out of the address bar.
    expect(page.url()).toBe(`${web.url}/inbox`);

    await web.stack.post(visits);
    const fired = await web.stack.waitForAlert(
      'longest wait',
      (a) => a.rule_id === 'inbox-longest-wait' && a.state === 'firing',
      60_000,
    );
    await row(fired.fingerprint).and(page.locator('[data-state="firing"]')).waitFor({ timeout: 2000 });
    const pending = await web.stack.waitForAlert('waiting', (a) => a.rule_id === 'inbox-waiting', 60_000);
    expect(pending.state).toBe('pending');
    await row(pending.fingerprint).waitFor();

    // Critical before warning, firing before pending.
    const order = await page
      .locator('[data-testid="inbox-alert"]')
      .evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute('data-severity')} ${r.getAttribute('data-state')}`),
      );
    expect(order.slice(0, 2)).toEqual(['critical firing', 'critical pending']);
    expect(order.slice(2).every((o) => o === 'warning firing')).toBe(true);
    expect(await page.locator('[data-testid="inbox-alert"]').first().getAttribute('data-fingerprint')).toBe(
      overdue.fingerprint,
    );

    // Severity and state in words, the place, and the value against its threshold in its unit.
    const wait = row(fired.fingerprint);
    expect(await wait.getByTestId('severity').textContent()).toBe('⚠ Waarschuwing');
    expect(await wait.getByTestId('state').textContent()).toBe('● Actief');
    expect(await wait.getByTestId('scope').textContent()).toBe('locatie centrum');
    expect(await wait.getByTestId('measured').textContent()).toBe('25 min (grens 10 min)');
    expect(await row(pending.fingerprint).getByTestId('state').textContent()).toBe('◔ In aanloop');
    expect(await row(pending.fingerprint).getByTestId('measured').textContent()).toBe('3 (grens 2) aantal');
    expect(await row(overdue.fingerprint).getByTestId('scope').textContent()).toBe(
      `team ${TEAM} · zaaktype ${CASE_TYPE}`,
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lists the alerts of GET /api/v1/alerts while the live connection cannot be made, and says so', async () => {
    const cut = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await cut.route('**/socket.io/**', (route) => route.abort());
    await cut.goto(`${web.url}/inbox#token=${await web.token('teamlead')}`);
    await cut.locator(`[data-fingerprint="${overdue.fingerprint}"]`).waitFor();
    await cut.locator(`[data-fingerprint="${atRisk.fingerprint}"]`).waitFor();
    expect(await cut.getByTestId('connection-notice').getAttribute('data-state')).toBe('offline');
    await cut.close();
  });

  it('acknowledges an alert by keyboard (Tab to the button, Enter), and the API shows it acknowledged', async () => {
    const fired = web.stack.alerts.find((a) => a.rule_id === 'inbox-longest-wait' && a.state === 'firing')!;
    await page.locator('body').focus();
    const button = row(fired.fingerprint).locator('[data-action="acknowledge"]');
    await tabTo(page, button);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('confirmation').textContent())
      .toContain('Gemeld als gezien: Langste wachttijd balie');
    expect(await row(fired.fingerprint).getAttribute('data-acknowledged')).toBe('true');

    await expect
      .poll(
        async () => {
          const { body } = await api(`/alerts/${fired.fingerprint}`);
          return alertDetailResponse.safeParse(body).data?.alert.acknowledgement?.acknowledged_by ?? null;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe('web-test-teamlead');
    // Alerting published it back: the row says who saw it, from the live picture.
    await expect
      .poll(() => row(fired.fingerprint).getByTestId('handling').textContent())
      .toContain('Gezien door web-test-teamlead');
  });

  it('silences an alert by keyboard with a required comment; an empty comment is refused with the gateway’s reason', async () => {
    const toggle = row(overdue.fingerprint).locator('[data-action="silence"]');
    await tabTo(page, toggle);
    await page.keyboard.press('Enter');
    const form = row(overdue.fingerprint).locator('form');
    const period = form.locator('select');
    // The form opens on its first field.
    await expect.poll(() => focused(period)).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await period.inputValue()).toBe('2h');
    await page.keyboard.press('Tab');
    expect(await focused(form.locator('input[type="radio"]:checked'))).toBe(true);
    await page.keyboard.press('Tab');
    const comment = form.locator('textarea');
    expect(await focused(comment)).toBe(true);
    await tabTo(page, form.locator('button[type="submit"]'));
    await page.keyboard.press('Enter');

    const refusal = form.getByTestId('refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Geweigerd: comment: /);
    // To the field the gateway named, which now describes itself by the refusal.
    await expect.poll(() => focused(comment)).toBe(true);
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.type('Extra behandelaar ingezet tot vrijdag');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('Stilte ingesteld tot');
    // Back on the button that opened the form.
    await expect.poll(() => focused(toggle)).toBe(true);

    const { body } = await api('/silences');
    const silences = silenceListResponse.parse(body).silences;
    expect(
      silences.map((s) => [s.comment, s.ends_at, s.matchers.find((m) => m.name === 'status')?.value]),
    ).toEqual([['Extra behandelaar ingezet tot vrijdag', '2026-03-04T11:00:00.000Z', 'overdue']]);
    // Alerting silenced it: the row says so, until when and why.
    await expect
      .poll(() => row(overdue.fingerprint).getAttribute('data-silenced'), { timeout: 60_000 })
      .toBe('true');
    expect(await row(overdue.fingerprint).getByTestId('handling').textContent()).toContain(
      '“Extra behandelaar ingezet tot vrijdag”',
    );
    // The inbox with one alert acknowledged and one silenced, as the team lead sees it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'inbox');
  });

  it('mutes outside opening hours by keyboard; a reach beyond the caller’s teams is refused with the gateway’s reason', async () => {
    const own = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await own.goto(`${web.url}/inbox#token=${await web.token('teamlead', { teams: [TEAM] })}`);
    const at = own.locator(`[data-testid="inbox-alert"][data-fingerprint="${atRisk.fingerprint}"]`);
    await at.waitFor();
    // Only the alerts of the caller's team.
    await expect.poll(() => own.locator('[data-testid="inbox-alert"]').count()).toBe(2);

    await tabTo(own, at.locator('[data-action="mute"]'));
    await own.keyboard.press('Enter');
    const form = at.locator('form');
    const checked = form.locator('input[type="radio"]:checked');
    await expect.poll(() => focused(checked)).toBe(true);
    expect(await checked.getAttribute('value')).toBe('place');
    await own.keyboard.press('ArrowDown');
    expect(await checked.getAttribute('value')).toBe('rule');
    await own.keyboard.press('Tab');
    await own.keyboard.press('Enter');
    const refusal = form.getByTestId('refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      `⚠ Geweigerd: matchers: must include a matcher team = one of your teams (${TEAM})`,
    );
    expect(await form.locator('fieldset').getAttribute('aria-describedby')).toBe(
      await refusal.getAttribute('id'),
    );

    await own.keyboard.press('Shift+Tab');
    await own.keyboard.press('ArrowUp');
    expect(await checked.getAttribute('value')).toBe('place');
    await own.keyboard.press('Tab');
    await own.keyboard.press('Enter');
    await expect
      .poll(() => own.getByTestId('confirmation').textContent())
      .toContain(`Gedempt buiten openingstijden: deze regel bij team ${TEAM} · zaaktype ${CASE_TYPE}`);
    const { body } = await api('/mutes');
    expect(muteListResponse.parse(body).mutes.map((m) => m.matchers)).toEqual([
      [
        { name: 'rule_id', value: 'deadlines-cases', op: '=' },
        { name: 'team', value: TEAM, op: '=' },
        { name: 'case_type', value: CASE_TYPE, op: '=' },
      ],
    ]);
    await own.close();
  });

  it('shows the cases behind a deadline alert by deadline with their working days left', async () => {
    const details = row(atRisk.fingerprint).getByTestId('deadline-items');
    await tabTo(page, details.locator('summary'));
    await page.keyboard.press('Enter');
    const items = details.getByTestId('deadline-item');
    await items.first().waitFor();
    const shown = await items.evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((cell) => cell.textContent)),
    );
    expect(shown.map(([, left, id, kind, status]) => [id, left, kind, status])).toEqual([
      ['Z-102', 'vandaag', 'zaak', '⚠ Dreigt te laat'],
      ['Z-104', '1 werkdag', 'zaak', '⚠ Dreigt te laat'],
      ['Z-103', '2 werkdagen', 'zaak', '⚠ Dreigt te laat'],
    ]);
    // The deadlines are alerting's, shown in Amsterdam time, soonest first.
    expect(shown.map(([due]) => due)).toEqual([
      '4 mrt 2026, 23:59',
      '5 mrt 2026, 23:59',
      '6 mrt 2026, 23:59',
    ]);
    expect(await details.locator('summary').textContent()).toBe('Zaken achter deze melding (3)');

    const late = row(overdue.fingerprint).getByTestId('deadline-items');
    await tabTo(page, late.locator('summary'), 'Shift+Tab');
    await page.keyboard.press('Enter');
    const lateShown = await late
      .getByTestId('deadline-item')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('th, td')].map((cell) => cell.textContent)),
      );
    expect(lateShown.map(([, left, id]) => [id, left])).toEqual([
      ['Z-100', '7 werkdagen te laat'],
      ['Z-101', '2 werkdagen te laat'],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await details.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'inbox-deadline-items');

    // In English on request, the same items.
    await tabTo(page, page.getByRole('button', { name: 'English' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => details.locator('summary').textContent()).toBe('Cases behind this alert (3)');
    expect(await details.getByTestId('deadline-item').first().locator('td').nth(1).textContent()).toBe(
      'today',
    );
    expect(errors).toEqual([]);
  });
});
