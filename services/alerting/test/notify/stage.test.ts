import { describe, expect, it } from 'vitest';
import { fanout, pipeline, type Stage, stop } from '../../src/notify/stage.js';
import { alertFixture } from '../fixtures/alerts.js';
import { notifyContext } from '../fixtures/notify-context.js';

const seen: string[] = [];
const record = (name: string): Stage => ({
  name,
  async exec(ctx, alerts) {
    seen.push(`${name}:${ctx.receiver}:${alerts.length}`);
    return { ctx, alerts };
  },
});
const dropAll: Stage = { name: 'drop', exec: async (ctx) => stop(ctx, 'suppressed') };

describe('notify pipeline', () => {
  it('runs its stages in order and ends where a stage lets nothing through', async () => {
    seen.length = 0;
    const { ctx } = notifyContext();
    const result = await pipeline('p', [record('a'), dropAll, record('b')]).exec(ctx, [alertFixture()]);
    expect(seen).toEqual(['a:hook:1']);
    expect(result).toMatchObject({ alerts: [], ctx: { outcome: 'suppressed' } });
  });

  it('fans out to every receiver and reports each outcome', async () => {
    seen.length = 0;
    const { ctx } = notifyContext();
    const contexts = [ctx, { ...ctx, receiver: 'lead', escalation: true }];
    const deliveries = await fanout(pipeline('p', [record('a')]), contexts, [alertFixture()]);
    expect(seen.sort()).toEqual(['a:hook:1', 'a:lead:1']);
    expect(deliveries).toEqual([
      { receiver: 'hook', escalation: false, outcome: 'unchanged', notification: undefined },
      { receiver: 'lead', escalation: true, outcome: 'unchanged', notification: undefined },
    ]);
  });
});
