import { describe, expect, it } from 'vitest';
import { parseRoutes } from '../../src/dispatch/routes.js';
import { createNotifier } from '../../src/notify/notifier.js';
import type { NotifyContext, Stage } from '../../src/notify/stage.js';
import { alertFixture } from '../fixtures/alerts.js';
import { fakeView } from '../fixtures/notify-harness.js';

const route = parseRoutes({
  routes: [
    {
      name: 'gm0363',
      tenant: 'GM0363',
      receivers: ['hook', 'mail'],
      escalation_receivers: ['lead'],
      escalate_after: '15m',
    },
  ],
}).routes[0]!;

describe('notifier', () => {
  it('runs the pipeline towards each receiver and escalation receiver with the tenant view', async () => {
    const seen: NotifyContext[] = [];
    const stage: Stage = {
      name: 'spy',
      async exec(ctx, alerts) {
        seen.push(ctx);
        return { ctx, alerts };
      },
    };
    const views: string[] = [];
    const viewOf = (tenant: string) => {
      views.push(tenant);
      return fakeView();
    };
    const notify = createNotifier({ stage, viewOf });
    const flush = {
      tenant: 'GM0363',
      groupKey: 'gm0363:{tenant="GM0363"}',
      groupLabels: { tenant: 'GM0363' },
      route,
      alerts: [alertFixture()],
      now: new Date('2026-03-02T09:30:00.000Z'),
      signal: new AbortController().signal,
    };
    const deliveries = await notify(flush);
    expect(views).toEqual(['GM0363']);
    expect(seen.map((c) => [c.receiver, c.escalation])).toEqual([
      ['hook', false],
      ['mail', false],
      ['lead', true],
    ]);
    expect(deliveries.map((d) => d.receiver)).toEqual(['hook', 'mail', 'lead']);
    seen.length = 0;
    await notify({ ...flush, escalationOnly: true });
    expect(seen.map((c) => c.receiver)).toEqual(['lead']);
  });
});
