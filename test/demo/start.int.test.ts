import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR } from '@stuurwiel/infra';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../services/gateway/web/test/support/web-build.js';
import { launchBrowser, saveScreenshot } from '../browser/browser.js';
import {
  alive,
  buildStart,
  freeServicePorts,
  listeningPorts,
  processTree,
  type ServicePorts,
  type StartedDemo,
  startDemo,
  waitFor,
} from './support.js';

// The acceptance of issue 12 on this machine: `npm start` as a new user runs it, but with its own
// native Kafka and ClickHouse on free ports and a temporary data folder; a headless browser reads
// the pages (wall screen, inbox) at the URLs npm start printed (`demo.access().pages`).

// A fast demo clock: the morning of the demo day (counters opening at 08:30, the desk closure at
// 09:30, the exchange silent from 10:30) passes in about a minute.
const SPEED = '180';

interface Snapshot {
  domain: string;
  scope: { kind: string; id: string | null };
  as_of: string;
  computed_at: string;
  [figures: string]: unknown;
}
interface Alert {
  fingerprint: string;
  rule_kind: string;
  state: string;
  labels: Record<string, string>;
}
interface History {
  rows: { bucket: string; group: Record<string, string>; value: number | null }[];
}

/** The figures of a snapshot without its timestamps: what a wall screen shows changing. */
const figures = ({ as_of: _a, computed_at: _c, ...rest }: Snapshot) => JSON.stringify(rest);

/** An Amsterdam wall-clock instant of the demo day (CET in winter, CEST in summer). */
function local(day: Date, time: string): string {
  const offset = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    timeZoneName: 'longOffset',
  })
    .formatToParts(day)
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(day);
  return `${date}T${time}:00${offset || '+00:00'}`;
}

/** Stops a run with SIGINT as Ctrl+C would and returns what it held: processes and ports. */
async function interrupt(demo: StartedDemo) {
  const pids = processTree(demo.child.pid!);
  const ports = listeningPorts()
    .filter((l) => l.pids.some((pid) => pids.includes(pid)))
    .map((l) => l.port);
  demo.child.kill('SIGINT');
  const code = await demo.exited;
  return { code, pids, ports };
}

describe('npm start on this machine (native Kafka and ClickHouse, simulator, demo clock)', () => {
  const work = mkdtempSync(join(tmpdir(), 'stuurwiel-demo-'));
  const dataDir = join(work, 'data');
  const accessFile = join(work, 'access.json');
  const logDir = `${CACHE_DIR}/test-runs/demo-${Date.now()}`;
  let ports: ServicePorts;
  let demo: StartedDemo | undefined;
  /** The first run's history of the demo day's early morning, read before its stop. */
  let historyBefore: History | undefined;
  let historyPath = '';
  let browser: Browser;
  // The inbox is open from the start, as a team lead's would be: an alert that resolves soon again
  // (a forecast breach, at a fast demo clock) has still been shown while it was open.
  const inInbox = new Set<string>();
  let inboxWatch: NodeJS.Timeout | undefined;
  let closeInbox = async () => {};

  let webDir = '';
  const run = (name: string) =>
    startDemo({
      dataDir,
      accessFile,
      ports,
      logFile: `${logDir}/${name}.log`,
      args: ['--speed', SPEED],
      webDir,
    });

  beforeAll(async () => {
    mkdirSync(logDir, { recursive: true });
    [webDir] = await Promise.all([buildWeb(), buildStart()]);
    ports = await freeServicePorts();
    [demo, browser] = await Promise.all([run('first-run'), launchBrowser()]);
    const inbox = await browser.newPage();
    await inbox.goto(demo.access().pages.inbox);
    let reading = false;
    inboxWatch = setInterval(() => {
      if (reading) return;
      reading = true;
      inbox
        .locator('[data-testid="inbox-alert"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-fingerprint') ?? ''))
        .then(
          (shown) => {
            for (const fingerprint of shown) inInbox.add(fingerprint);
          },
          () => undefined,
        )
        .finally(() => {
          reading = false;
        });
    }, 250);
    closeInbox = async () => {
      clearInterval(inboxWatch);
      if (!inbox.isClosed()) {
        await saveScreenshot(inbox, 'demo-inbox');
        await inbox.close();
      }
    };
  }, 420_000);

  afterAll(async () => {
    clearInterval(inboxWatch);
    await browser?.close();
    if (demo && demo.child.exitCode === null) {
      const pids = processTree(demo.child.pid!);
      demo.child.kill('SIGINT');
      await Promise.race([demo.exited, new Promise((r) => setTimeout(r, 60_000))]);
      for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
    }
    rmSync(work, { recursive: true, force: true });
  }, 90_000);

  it('prints the page URLs and records them in access.json', () => {
    const access = demo!.access();
    const gateway = `http://localhost:${ports.gateway}`;
    expect(access.pages).toEqual({
      wall: `${gateway}/wall?key=${encodeURIComponent(access.wallscreen_key.key)}`,
      inbox: `${gateway}/inbox#token=${access.tokens.teamlead}`,
      manager: `${gateway}/manager#token=${access.tokens.manager}`,
      docs: `${gateway}/docs`,
    });
    for (const url of Object.values(access.pages)) expect(demo!.output()).toContain(url);
  });

  it("shows the wall screen's location with figures that change within 120 s", async () => {
    const access = demo!.access();
    const live = async () => {
      const res = await demo!.api<{ snapshots: Snapshot[] }>('/api/v1/live', access.wallscreen_key.key);
      expect(res.status).toBe(200);
      return res.body.snapshots;
    };
    const first = await waitFor(
      'live figures of the wall screen location',
      async () => {
        const snapshots = await live();
        if (snapshots.length === 0) throw new Error('no snapshots yet');
        return snapshots;
      },
      60_000,
    );
    // The demo's key shows every location of its municipality, and its telephone line.
    expect(access.wallscreen_key.location).toBe('*');
    await waitFor(
      'location and telephone figures',
      async () => {
        const scopes = new Set((await live()).map((s) => `${s.domain}:${s.scope.kind}`));
        if (!scopes.has('counter:location') || !scopes.has('phone:tenant'))
          throw new Error(`only ${[...scopes].join(', ')}`);
      },
      60_000,
    );
    await waitFor(
      'figures that differ from the first ones',
      async () => {
        const now = await live();
        if (now.map(figures).join() === first.map(figures).join()) throw new Error('unchanged');
      },
      60_000,
    );
  }, 130_000);

  it('shows the wall screen in a browser, its tiles changing as the demo day goes on', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(demo!.access().pages.wall);
    const tiles = () =>
      page
        .locator('[data-testid^="tile-"]')
        .evaluateAll((all) =>
          all.map((t) => `${t.getAttribute('data-testid')}=${t.getAttribute('data-value')}`).join(),
        );
    const first = await waitFor(
      'tiles with values',
      async () => {
        const now = await tiles();
        if (!/=\d/.test(now)) throw new Error(`no values yet: ${now}`);
        return now;
      },
      60_000,
    );
    await waitFor(
      'tiles that changed',
      async () => {
        if ((await tiles()) === first) throw new Error('unchanged');
      },
      90_000,
    );
    await saveScreenshot(page, 'demo-wall-screen');
    await page.close();
  }, 180_000);

  it('fires a predicted-breach, a deadline and a quiet-source alert during the demo morning, and the inbox shows them', async () => {
    const token = demo!.access().tokens.teamlead;
    const kinds = await waitFor(
      'the three alerts, in the API and in the inbox',
      async () => {
        const res = await demo!.api<{ alerts: Alert[] }>('/api/v1/alerts', token);
        expect(res.status).toBe(200);
        const shown = (a: Alert) => inInbox.has(a.fingerprint);
        const seen = {
          predicted: res.body.alerts.some((a) => a.rule_kind === 'counter_forecast' && shown(a)),
          deadline: res.body.alerts.some((a) => a.rule_kind === 'deadline' && shown(a)),
          // The phone-silent scenario's exchange, not a source that only sends reference data.
          quiet: res.body.alerts.some(
            (a) => a.rule_kind === 'source_quiet' && a.labels.system === 'telephony' && shown(a),
          ),
        };
        if (!Object.values(seen).every(Boolean)) throw new Error(`seen so far: ${JSON.stringify(seen)}`);
        return seen;
      },
      150_000,
    );
    expect(kinds).toEqual({ predicted: true, deadline: true, quiet: true });
    await closeInbox();
    // And alerting notified the demo's receiver of them.
    const logFile = /alert notifications in (\S+)/.exec(demo!.output())?.[1];
    expect(logFile, 'npm start names its notification log').toBeDefined();
    const notified = await waitFor(
      'notifications in the log',
      async () => {
        const lines = readFileSync(logFile!, 'utf8').split('\n').filter(Boolean);
        if (lines.length === 0) throw new Error('none yet');
        return lines.map((line) => JSON.parse(line) as { tenant: string; alerts: Alert[] });
      },
      60_000,
    );
    expect(notified.flatMap((n) => n.alerts.map((a) => a.rule_kind))).toContain('deadline');
  }, 230_000);

  it('stops every process it started on SIGINT, leaving no port listening', async () => {
    await closeInbox();
    const access = demo!.access();
    const day = demo!.demoStart();
    // Visits that arrived before 10:00 have all left by noon: the rows of 08:00-10:00 are final.
    await waitFor(
      'the demo clock at noon',
      async () => {
        if (demo!.demoReached().getTime() < Date.parse(local(day, '12:00'))) throw new Error('earlier');
      },
      120_000,
    );
    historyPath =
      `/api/v1/history?kpi=counter_visits&granularity=hour&group_by=location` +
      `&from=${encodeURIComponent(local(day, '08:00'))}&to=${encodeURIComponent(local(day, '10:00'))}`;
    const before = await demo!.api<History>(historyPath, access.tokens.manager);
    expect(before.status).toBe(200);
    expect(before.body.rows.length).toBeGreaterThan(0);
    historyBefore = before.body;

    const { code, pids, ports: held } = await interrupt(demo!);
    expect(code).toBe(0);
    expect(held).toEqual(expect.arrayContaining(Object.values(ports)));
    // Kafka's listeners and ClickHouse's, the ZGW server's and the notification log's besides.
    expect(held.length).toBeGreaterThan(Object.values(ports).length + 3);
    expect(pids.filter(alive)).toEqual([]);
    const still = listeningPorts().filter((l) => held.includes(l.port));
    expect(still).toEqual([]);
  }, 240_000);

  it("keeps the first run's history when started again on the same data folder", async () => {
    expect(historyBefore, 'the first run was stopped with its history read').toBeDefined();
    demo = await run('second-run');
    expect(demo.output()).toContain('going on with the next working day');
    const after = await demo.api<History>(historyPath, demo.access().tokens.manager);
    expect(after.status).toBe(200);
    expect(after.body.rows).toEqual(historyBefore!.rows);
    const { code, pids } = await interrupt(demo);
    expect(code).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  }, 420_000);
});
