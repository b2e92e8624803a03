// `npm run test:repeat -- <runs> <vitest filters...>`: runs the given integration tests again and
// again against one Kafka and one ClickHouse, stopping at the first failure. A test that fails
// now and then shows here, with its run number, instead of in somebody's CI.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import { CACHE_DIR, REPO_ROOT } from './paths.js';
import { provideInfra } from './provider.js';

const args = z
  .tuple([z.coerce.number().int().min(1).max(10_000)], z.string().min(1))
  .safeParse(process.argv.slice(2));
if (!args.success) {
  console.error('usage: npm run test:repeat -- <runs 1..10000> <vitest filter> [filter ...]');
  process.exit(2);
}
const [runs, ...filters] = args.data;

const runDir = `${CACHE_DIR}/test-runs/repeat-${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });
const infra = await provideInfra({ runDir, log: (m) => console.log(`[infra] ${m}`) });
const env = {
  ...process.env,
  KAFKA_BROKERS: infra.kafka.brokers.join(','),
  CLICKHOUSE_URL: infra.clickhouse.url,
  CLICKHOUSE_USER: infra.clickhouse.username,
  CLICKHOUSE_PASSWORD: infra.clickhouse.password,
};

let passed = 0;
const started = Date.now();
try {
  for (let run = 1; run <= runs; run++) {
    const result = spawnSync(
      process.execPath,
      [`${REPO_ROOT}node_modules/vitest/vitest.mjs`, 'run', '--project', 'integration', ...filters],
      { cwd: REPO_ROOT, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      console.log(result.stdout, result.stderr);
      console.log(`[repeat] run ${run} of ${runs} FAILED after ${passed} passing runs`);
      break;
    }
    passed++;
    const tests = /Tests\s+(\d+) passed/.exec(result.stdout)?.[1] ?? '?';
    console.log(`[repeat] run ${run} of ${runs} passed (${tests} tests)`);
  }
} finally {
  await infra.stop();
}
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`[repeat] ${passed} of ${runs} runs passed in ${seconds} s: ${filters.join(' ')}`);
process.exit(passed === runs ? 0 : 1);
