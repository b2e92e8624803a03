import type { Alerting } from '../../src/index.js';
import { until } from './morning.js';

/** Lets three evaluation rounds of an in-process alerting pass (read from its /metrics). */
export async function waitRounds(alerting: Alerting): Promise<void> {
  const rounds = async () => {
    const text = (await alerting.app.inject({ method: 'GET', url: '/metrics' })).body;
    return Number(/alerting_evaluation_rounds_total\{result="ok"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
  };
  const first = await rounds();
  await until('three evaluation rounds', async () => (await rounds()) >= first + 3);
}
