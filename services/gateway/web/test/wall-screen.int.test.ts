import { makeEvent } from '@stuurwiel/infra/testing';
import { manualClock } from '@stuurwiel/runtime';
import {
  type CanonicalEventInput,
  type KpiSnapshotOf,
  type LiveResponse,
  liveResponse,
  type SourcesResponse,
  sourcesResponse,
} from '@stuurwiel/schemas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, seriousViolations } from '../../../../test/browser/browser.js';
import { startWebStack, TENANT, type WebStack } from './support/web-stack.js';

const MINUTE = 60_000;
// Tuesday 3 March 2026, 10:00 in Amsterdam: the clock of ingest's aggregator and the gateway.
const START = '2026-03-03T09:00:00.000Z';
const clock = manualClock(START);
const at = (minutesBefore: number) => new Date(clock().getTime() - minutesBefore * MINUTE);

const arrival = (id: string, location: string, minutesBefore: number, kind: 'walk_in' | 'appointment') =>
  makeEvent(
    'visit.arrived',
    at(minutesBefore),
    {
      visit_id: id,
      location_id: location,
      queue_id: `${location}-balie`,
      kind,
      ...(kind === 'appointment' ? { appointment_start: at(minutesBefore).toISOString() } : {}),
    },
    { tenant: TENANT },
  );

/** A morning at two locations, a telephone queue and a case system, all at START. */
function morning(): CanonicalEventInput[] {
  const desk = (location: string, id: string) =>
    makeEvent(
      'desk.opened',
      at(30),
      { location_id: location, desk_id: id, queue_ids: [`${location}-balie`] },
      { tenant: TENANT },
    );
  return [
    desk('centrum', 'd1'),
    desk('centrum', 'd2'),
    desk('noord', 'd1'),
    arrival('c1', 'centrum', 12, 'walk_in'),
    arrival('c2', 'centrum', 4, 'walk_in'),
    arrival('c3', 'centrum', 2, 'appointment'),
    arrival('n1', 'noord', 3, 'walk_in'),
    makeEvent('call.offered', at(1), { call_id: 'k1', line: '14020' }, { tenant: TENANT }),
    makeEvent('call.queued', at(1), { call_id: 'k1', queue_id: 'kcc' }, { tenant: TENANT }),
    makeEvent(
      'callback.requested',
      at(1),
      { callback_id: 'cb1', queue_id: 'kcc', promise: { target: 1, unit: 'working_days' } },
      { tenant: TENANT },
    ),
    makeEvent(
      'case.created',
      at(25),
      {
        case_id: 'z1',
        case_type_id: 'omgevingsvergunning',
        start_date: '2026-02-01',
        lead_time_norm: { target: 56, unit: 'calendar_days' },
      },
      { tenant: TENANT },
    ),
  ];
}

describe('the wall screen against the real stack', () => {
  let web: WebStack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const get = async <T>(path: string, parse: (body: unknown) => T): Promise<T> => {
    const response = await fetch(`${web.url}/api/v1${path}`, {
      headers: { authorization: `Bearer ${web.wallKeyAll}` },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return parse(await response.json());
  };
  const live = () => get('/live', (b) => liveResponse.parse(b));
  const sources = () => get('/sources', (b) => sourcesResponse.parse(b));
  const find = <D extends 'counter' | 'phone' | 'cases'>(
    answer: LiveResponse,
    domain: D,
    id: string | null,
  ): KpiSnapshotOf<D> | undefined =>
    answer.snapshots.find((s) => s.domain === domain && s.scope.id === id) as KpiSnapshotOf<D> | undefined;
  /** The API's answer once `ready` holds of it. */
  const apiUntil = async <T>(what: string, read: () => Promise<T>, ready: (t: T) => boolean): Promise<T> => {
    for (let tries = 0; ; tries++) {
      const answer = await read();
      if (ready(answer)) return answer;
      if (tries > 600) throw new Error(`the API never showed ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const tileValue = (id: string) => page.getAttribute(`[data-testid="tile-${id}"]`, 'data-value');
  const tileStatus = (id: string) => page.getAttribute(`[data-testid="tile-${id}"]`, 'data-status');

  /** The raw value of each tile as the API's snapshots give it. */
  const expectedTiles = (answer: LiveResponse, location: string) => {
    const counter = find(answer, 'counter', location)!.now;
    const phone = find(answer, 'phone', null)!;
    const cases = find(answer, 'cases', null)!.now;
    const text = (n: number | null) => (n === null ? '' : String(n));
    return {
      waiting: text(counter.waiting),
      longest_wait: text(counter.longest_wait_seconds),
      expected_wait: text(counter.expected_wait_seconds),
      waiting_over_norm: text(counter.waiting_over_norm),
      desks_open: text(counter.desks_open),
      walk_in_appointment: `${counter.waiting_walk_in}/${counter.waiting_appointment}`,
      calls_waiting: text(phone.now.calls_waiting),
      service_level: text(phone.windows['15m'].service_level),
      callbacks_due_today: text(phone.now.callbacks_due_today),
      cases_at_risk: text(cases.at_risk),
    };
  };
  const shownTiles = async (ids: readonly string[]) =>
    Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await tileValue(id)] as const)));

  /** Presses Tab until the focused element is the button named `name`. */
  const tabTo = async (name: string) => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate('document.activeElement && document.activeElement.textContent');
      if (focused === name) return;
    }
    throw new Error(`Tab never reached ${name}`);
  };

  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebStack({ name: 'webwall', clock, location: 'centrum' }),
      launchBrowser(),
    ]);
    await web.stack.post(morning());
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('shows the numbers the API reports, and changes them within 2 seconds of the API', async () => {
    const answer = await apiUntil(
      'the morning',
      live,
      (a) =>
        find(a, 'counter', 'centrum')?.now.waiting === 3 &&
        find(a, 'counter', 'noord')?.now.waiting === 1 &&
        find(a, 'phone', null)?.now.calls_waiting === 1 &&
        find(a, 'cases', null)?.now.open === 1,
    );
    await page.goto(`${web.url}/wall?key=${web.wallKeyAll}&location=centrum`);
    const expected = expectedTiles(answer, 'centrum');
    await expect.poll(() => shownTiles(Object.keys(expected)), { timeout: 15_000 }).toEqual(expected);
    expect(await page.locator('h1').textContent()).toBe('Locatie centrum');
    // The visitor of 12 minutes is past the 10-minute norm: said in colour, icon and word.
    expect(await tileStatus('longest_wait')).toBe('bad');
    expect(await page.locator('[data-testid="tile-longest_wait"]').textContent()).toContain('boven norm');
    expect(await tileStatus('waiting_over_norm')).toBe('bad');
    expect(await page.locator('[data-testid="connection-notice"]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'wall-screen');

    await web.stack.post([
      arrival('c4', 'centrum', 0, 'walk_in'),
      arrival('c5', 'centrum', 0, 'appointment'),
    ]);
    const changed = await apiUntil(
      'two more waiting',
      live,
      (a) => find(a, 'counter', 'centrum')?.now.waiting === 5,
    );
    await expect.poll(() => tileValue('waiting'), { timeout: 2000, interval: 50 }).toBe('5');
    const now = expectedTiles(changed, 'centrum');
    expect(await shownTiles(['waiting', 'walk_in_appointment'])).toEqual({
      waiting: now.waiting,
      walk_in_appointment: now.walk_in_appointment,
    });
  });

  it('pins a location, rotates again and switches language by keyboard alone', async () => {
    await tabTo('noord');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Locatie noord');
    expect(await tileValue('waiting')).toBe('1');
    expect(new URL(page.url()).searchParams.get('location')).toBe('noord');
    expect(await page.getAttribute('button:text-is("noord")', 'aria-pressed')).toBe('true');

    await tabTo('Wisselen');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getAttribute('button:text-is("Wisselen")', 'aria-pressed')).toBe('true');
    expect(new URL(page.url()).searchParams.get('location')).toBeNull();
    expect(await page.getByTestId('wall-mode').textContent()).toContain('Wisselt elke 15 s');
    // Rotating again: from noord on to the next location, centrum (after the last, the first),
    // while new figures keep coming in, as on a busy day.
    let busy = true;
    const traffic = (async () => {
      for (let i = 0; busy; i++) {
        await web.stack.post([arrival(`busy-${i}`, 'noord', 0, 'walk_in')]);
        await new Promise((r) => setTimeout(r, 2000));
      }
    })();
    try {
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Locatie centrum');
    } finally {
      busy = false;
      await traffic;
    }
    expect(
      Number(
        await apiUntil('noord busy', live, () => true).then((a) => find(a, 'counter', 'noord')?.now.waiting),
      ),
    ).toBeGreaterThan(1);

    await tabTo('English');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toMatch(/^Location /);
    await tabTo('Nederlands');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('nl');

    await page.goto(`${web.url}/wall?key=${web.wallKeyAll}&location=centrum`);
    await expect.poll(() => tileValue('waiting')).toBe('5');
  });

  it('with a key of one location shows that location only, without the municipality’s telephone and cases', async () => {
    const one = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await one.goto(`${web.url}/wall?key=${web.wallKeyOne}&lang=en`);
    await expect.poll(() => one.getAttribute('[data-testid="tile-waiting"]', 'data-value')).toBe('5');
    expect(await one.locator('h1').textContent()).toBe('Location centrum');
    // Nothing to rotate through: only the language choice.
    expect(await one.locator('.wall-controls button').allTextContents()).toEqual(['Nederlands', 'English']);
    expect(await one.locator('[data-testid="tile-calls_waiting"]').count()).toBe(0);
    expect(await one.locator('[data-testid^="tile-"]').count()).toBe(6);
    expect(await seriousViolations(one)).toEqual([]);
    await saveScreenshot(one, 'wall-screen-one-location');

    await one.goto(`${web.url}/wall`);
    await expect
      .poll(() => one.locator('main').textContent())
      .toContain('Dit scherm heeft een sleutel nodig');
    await one.close();
  });

  it('says which source went quiet on the tiles it feeds, instead of showing its old numbers', async () => {
    // Eleven minutes on, only the counter's system sends: the telephone exchange and the case
    // system have been quiet for longer than 10 minutes.
    clock.advance(11 * MINUTE);
    await web.stack.post([arrival('c6', 'centrum', 0, 'walk_in')]);
    const quiet = (answer: SourcesResponse, id: string) =>
      answer.sources.find((s) => s.scope.id === id)?.quiet_seconds ?? null;
    await apiUntil(
      'the telephone exchange quiet and the counter fresh',
      sources,
      (a) =>
        (quiet(a, 'telephony/asterisk') ?? 0) > 600 && (quiet(a, 'queue_management/qmatic') ?? 601) < 600,
    );

    const phoneNotice = page.locator('[data-testid="tile-calls_waiting"] [data-testid="source-notice"]');
    // The screen asks how fresh the sources are every 15 seconds.
    await expect
      .poll(() => phoneNotice.textContent(), { timeout: 30_000 })
      .toBe('Geen gegevens van de telefooncentrale sinds 10:00');
    for (const id of ['calls_waiting', 'service_level', 'callbacks_due_today']) {
      expect(await tileStatus(id)).toBe('quiet');
      expect(await tileValue(id)).toBe('');
    }
    expect(await page.locator('[data-testid="tile-cases_at_risk"]').textContent()).toContain(
      'Geen gegevens van het zaaksysteem sinds 10:00',
    );
    // The counter's system is fresh: its tiles keep their numbers.
    await expect.poll(() => tileValue('waiting')).toBe('6');
    expect(await page.locator('[data-testid="tile-waiting"] [data-testid="source-notice"]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'wall-screen-quiet-source');

    // The telephone exchange speaks again: its tiles show its numbers at once.
    await web.stack.post([
      makeEvent('call.offered', at(0), { call_id: 'k2', line: '14020' }, { tenant: TENANT }),
      makeEvent('call.queued', at(0), { call_id: 'k2', queue_id: 'kcc' }, { tenant: TENANT }),
    ]);
    await apiUntil('a second call waiting', live, (a) => find(a, 'phone', null)?.now.calls_waiting === 2);
    await expect.poll(() => tileValue('calls_waiting'), { timeout: 5000 }).toBe('2');
    expect(await phoneNotice.count()).toBe(0);
    expect(
      await page.locator('[data-testid="tile-cases_at_risk"] [data-testid="source-notice"]').count(),
    ).toBe(1);
  });

  it('says so over the whole screen while the gateway is away, and recovers by itself', async () => {
    await web.stopGateway();
    const notice = page.getByTestId('connection-notice');
    await expect.poll(() => notice.getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
    expect(await notice.textContent()).toContain('Geen verbinding met stuurwiel sinds');
    expect(await tileStatus('waiting')).toBe('stale');
    expect(await page.locator('[data-testid="tile-waiting"]').textContent()).toContain('niet actueel');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'wall-screen-offline');

    await web.startGateway();
    await expect.poll(() => notice.count(), { timeout: 30_000 }).toBe(0);
    const answer = await live();
    await expect
      .poll(() => tileValue('waiting'), { timeout: 10_000 })
      .toBe(expectedTiles(answer, 'centrum').waiting);
    expect(await tileStatus('waiting')).not.toBe('stale');
    expect(pageErrors).toEqual([]);
  });
});
