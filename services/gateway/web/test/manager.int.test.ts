import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { manualClock } from '@stuurwiel/runtime';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, seriousViolations } from '../../../../test/browser/browser.js';
import { GOLDEN_DAY, generateGoldenDay } from '../../../../test/golden/generate.js';
import { referenceRollups } from '../../../../test/golden/reference.js';
import { parseCsvExport, parseXlsxExport } from '../../test/export/parse.js';
import { startWebStack, TENANT, type WebStack } from './support/web-stack.js';

/**
 * Acceptance 3 and 4 of [web] for the manager views, against the real stack: the golden day of
 * one municipality goes through ingest and the aggregator into ClickHouse; the drill-down reaches
 * level 3 by keyboard alone; the CSV downloaded there holds the numbers in the table; a chart
 * downloads as PNG and SVG; an impossible norm or rule is refused with the gateway's reason and a
 * possible one is saved; axe-core finds nothing serious at any level.
 */

const PERIOD = 'from=2026-04-22&to=2026-04-28';

/**
 * The golden day names staff as its generator does; ingest takes only keyed hashes for people,
 * so their keys are hashed here as a source system's connector would.
 */
function pseudonymised<E extends { payload: unknown }>(event: E): E {
  const hash = (value: string) => `a${createHash('sha256').update(value).digest('hex').slice(0, 31)}`;
  const payload = { ...(event.payload as Record<string, unknown>) };
  for (const field of ['agent_key', 'staff_key'])
    if (typeof payload[field] === 'string') payload[field] = hash(payload[field] as string);
  const to = payload.to as { kind: string; id: string } | undefined;
  if (to && (to.kind === 'agent' || to.kind === 'staff')) payload.to = { ...to, id: hash(to.id) };
  return { ...event, payload };
}

describe('the manager views', () => {
  let web: WebStack;
  let browser: Browser;
  let token: string;
  /** Counter visits per location on the golden day, by the reference calculation. */
  let visitsByLocation: Map<string, number>;

  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${web.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as never };
  };

  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebStack({ name: 'webmanager', clock: manualClock('2026-04-28T22:30:00Z'), location: 'centrum' }),
      launchBrowser(),
    ]);
    token = await web.token('manager');
    const events = generateGoldenDay({ scale: 0.1 })
      .events.filter((e) => e.tenant === TENANT)
      .map(pseudonymised);
    visitsByLocation = new Map();
    for (const row of referenceRollups(events).visits_per_day)
      if (row.tenant === TENANT && row.day === GOLDEN_DAY)
        visitsByLocation.set(row.location_id, (visitsByLocation.get(row.location_id) ?? 0) + row.visits);
    for (let i = 0; i < events.length; i += 500) await web.stack.post(events.slice(i, i + 500));
    // Stored once history answers what the reference counts, location by location.
    const expected = JSON.stringify(Object.fromEntries([...visitsByLocation].sort()));
    const stored = async () => {
      const { body } = await api(`/history?kpi=counter_visits&${PERIOD}&group_by=location&granularity=year`);
      const rows = (body as { rows?: { group: { location: string }; value: number }[] } | null)?.rows ?? [];
      return JSON.stringify(Object.fromEntries(rows.map((r) => [r.group.location, r.value]).sort()));
    };
    const deadline = Date.now() + 240_000;
    let seen = await stored();
    while (seen !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      seen = await stored();
    }
    if (seen !== expected) throw new Error(`history holds ${seen}, the reference ${expected}`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  /** Presses Tab until the focused element fits, as a keyboard user would. */
  async function tabTo(
    page: Page,
    what: string,
    fits: (el: { tag: string; text: string; id: string }) => boolean,
  ) {
    for (let i = 0; i < 300; i += 1) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        return { tag: a?.tagName.toLowerCase() ?? '', text: a?.textContent?.trim() ?? '', id: a?.id ?? '' };
      });
      if (fits(el)) return;
    }
    throw new Error(`Tab never reached ${what}`);
  }

  async function openPage(url: string) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(url);
    return { page, errors };
  }

  it('drills down from the tiles to one KPI and its detail by keyboard alone, and the CSV holds the numbers on the page', async () => {
    const { page, errors } = await openPage(`${web.url}/manager?${PERIOD}#token=${token}`);
    // Level 1: tiles per channel, with their values.
    const tile = page.locator('li[data-kpi="counter_visits"]:not([data-process])');
    const total = [...visitsByLocation.values()].reduce((a, b) => a + b, 0);
    await expect
      .poll(() => tile.getByTestId('tile-value').textContent(), { timeout: 30_000 })
      .toBe(new Intl.NumberFormat('nl-NL').format(total));
    await expect.poll(() => page.locator('li[data-process]').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'manager-level-1');

    await tabTo(page, 'the counter visits tile', (el) => el.tag === 'a' && el.text === 'Bezoekers balie');
    await page.keyboard.press('Enter');
    // Level 2: the KPI against its norm, with the registry's definition.
    await expect.poll(() => page.getByTestId('level-heading').textContent()).toBe('Bezoekers balie');
    await expect
      .poll(() => page.getByTestId('kpi-definition').textContent())
      .toContain('Bezoeken die in het tijdvak binnenkwamen');
    await page.getByTestId('kpi-chart').locator('canvas').waitFor();
    expect(page.url()).toContain('kpi=counter_visits');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'manager-level-2');

    await tabTo(
      page,
      'the detail link',
      (el) => el.tag === 'a' && el.text === 'Details, filters en groeperen',
    );
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('level-heading').textContent())
      .toBe('Details, filters en groeperen');
    // Level 3: group by location, by keyboard (type-ahead in the select), then apply.
    await tabTo(page, 'the first group-by', (el) => el.id === 'group-by-0');
    await page.keyboard.type('Locatie');
    await tabTo(page, 'apply', (el) => el.tag === 'button' && el.text === 'Toepassen');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('group_by')).toBe('location');
    expect(new URL(page.url()).searchParams.get('view')).toBe('detail');
    const table = page.getByTestId('detail-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(visitsByLocation.size);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'manager-level-3');

    // The numbers on the page.
    const shown = await table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => {
        const cell = (name: string) => row.querySelector(`[data-cell="${name}"]`)?.textContent ?? '';
        return {
          bucket: cell('bucket'),
          location: cell('location'),
          value: cell('value'),
          basis: cell('basis'),
        };
      }),
    );
    expect(shown.map((r) => r.location).sort()).toEqual([...visitsByLocation.keys()].sort());

    // The CSV, downloaded by keyboard.
    await tabTo(page, 'Download CSV', (el) => el.tag === 'button' && el.text === 'Download CSV');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const csv = parseCsvExport(await readFile((await (download as Download).path())!));
    expect(csv.about).toMatchObject({ kpi: 'counter_visits', 'query group_by': 'location' });
    const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
    const fromCsv = csv.rows.map((r) => ({
      bucket: String(r.bucket),
      location: String(r.location),
      value: nl.format(Number(r.value)),
      basis: nl.format(Number(r.basis)),
    }));
    expect(fromCsv).toEqual(shown);
    // And the page's counts are the reference's.
    for (const row of csv.rows) expect(Number(row.value)).toBe(visitsByLocation.get(String(row.location)));

    // The same rows as Excel.
    await tabTo(page, 'Download Excel', (el) => el.tag === 'button' && el.text === 'Download Excel');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const workbook = await parseXlsxExport(await readFile((await xlsx.path())!));
    expect(workbook.rows.map((r) => [r.bucket, r.location, r.value])).toEqual(
      csv.rows.map((r) => [r.bucket, r.location, Number(r.value)]),
    );

    // The chart, as PNG and SVG.
    await tabTo(page, 'Download PNG', (el) => el.tag === 'button' && el.text === 'Download PNG');
    const [png] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(png.suggestedFilename()).toMatch(/^counter_visits_.*\.png$/);
    const pngBytes = await readFile((await png.path())!);
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await tabTo(page, 'Download SVG', (el) => el.tag === 'button' && el.text === 'Download SVG');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    expect((await readFile((await svg.path())!, 'utf8')).trimStart()).toMatch(/^<svg/);

    // The URL is the view: opened anew (the token is the viewer's own), it shows the same table.
    const shared = page.url().split('#')[0]!;
    expect(shared).toContain('view=detail');
    const again = await openPage(`${shared}#token=${token}`);
    await expect
      .poll(() => again.page.getByTestId('detail-table').locator('tbody tr').count())
      .toBe(visitsByLocation.size);
    await again.page.close();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('explains a KPI and its norm in force in the language of the page, Dutch first and English once chosen', async () => {
    const { page, errors } = await openPage(
      `${web.url}/manager?${PERIOD}&kpi=phone_service_level#token=${token}`,
    );
    const definition = page.getByTestId('kpi-definition');
    const normUsed = page.getByTestId('kpi-norm-used');
    await expect
      .poll(() => definition.textContent(), { timeout: 30_000 })
      .toBe(
        'Gesprekken beantwoord binnen de norm ÷ (gesprekken aangeboden aan een wachtrij − korte afhakers). De wachttijd loopt van binnenkomst in de wachtrij tot het opnemen.',
      );
    expect(await normUsed.textContent()).toBe(
      'De norm die geldt: de servicelevelnorm van de wachtrij, anders die van de gemeente, anders 30 s',
    );
    await tabTo(page, 'the language choice', (el) => el.tag === 'button' && el.text === 'English');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => definition.textContent())
      .toBe(
        'Calls answered within the norm ÷ (calls offered to a queue − short abandons). The wait runs from entering the queue to the answer.',
      );
    expect(await normUsed.textContent()).toBe(
      "The norm in force: the service-level norm of the queue, else the municipality's, else 30 s",
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('refuses an impossible norm or rule with the gateway’s reason and saves a possible one', async () => {
    const rule = {
      rule_id: 'wachttijd-centrum',
      kind: 'threshold',
      name: 'Langste wachttijd',
      domain: 'counter',
      scope: { kind: 'tenant' },
      metric: 'now.longest_wait_seconds',
      operator: 'above',
      threshold: 900,
    };
    expect((await api('/rules', { method: 'POST', body: JSON.stringify(rule) })).status).toBe(201);
    const norms = (await api('/norms')).body as { norms: { norm: { norm_id: string } }[] };
    expect(norms.norms.length).toBeGreaterThan(0);
    const normId = norms.norms[0]!.norm.norm_id;

    const { page, errors } = await openPage(`${web.url}/manager?view=settings#token=${token}`);
    await page.locator(`li[data-rule="wachttijd-centrum"]`).waitFor();
    await page.locator(`li[data-norm="${normId}"]`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A norm's share above 1.
    await tabTo(page, 'edit norm', (el) => el.tag === 'button' && el.text === `Norm ${normId} wijzigen`);
    await page.keyboard.press('Enter');
    await tabTo(page, 'share', (el) => el.id === `norm-${normId}-share`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1.5');
    await page.keyboard.press('Enter');
    const normItem = page.locator(`li[data-norm="${normId}"]`);
    await expect
      .poll(() => normItem.getByTestId('settings-outcome').textContent())
      .toMatch(/^Niet opgeslagen: .*share/);
    await normItem.getByLabel('Aandeel (0–1)').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.85');
    await page.keyboard.press('Enter');
    await expect.poll(() => normItem.getByTestId('settings-outcome').textContent()).toBe('Opgeslagen.');

    // A rule whose recovery lies on the wrong side of its threshold.
    await tabTo(
      page,
      'edit rule',
      (el) => el.tag === 'button' && el.text === 'Meldregel wachttijd-centrum wijzigen',
    );
    await page.keyboard.press('Enter');
    await tabTo(
      page,
      'recovery',
      (el) => el.id === 'rule-wachttijd-centrum-recovery' || el.id === 'rule-wachttijd-centrum-threshold',
    );
    const ruleItem = page.locator('li[data-rule="wachttijd-centrum"]');
    await ruleItem.getByLabel('Drempel').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('-5');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => ruleItem.getByTestId('settings-outcome').textContent())
      .toMatch(/^Niet opgeslagen: .*threshold/);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'manager-settings');
    await ruleItem.getByLabel('Drempel').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('600');
    await page.keyboard.press('Enter');
    await expect.poll(() => ruleItem.getByTestId('settings-outcome').textContent()).toBe('Opgeslagen.');
    expect(((await api('/rules/wachttijd-centrum')).body as { threshold: number }).threshold).toBe(600);
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.close();
  }, 120_000);
});
