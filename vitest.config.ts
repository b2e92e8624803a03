import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages by name; point those names at their sources so that a test
// run never depends on a previous build.
const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const alias = [
  { find: /^@stuurwiel\/schemas$/, replacement: src('./schemas/src/index.ts') },
  { find: /^@stuurwiel\/kafka$/, replacement: src('./deploy/kafka/src/index.ts') },
  { find: /^@stuurwiel\/clickhouse$/, replacement: src('./deploy/clickhouse/src/index.ts') },
  { find: /^@stuurwiel\/infra$/, replacement: src('./deploy/local/src/index.ts') },
  { find: /^@stuurwiel\/infra\/testing$/, replacement: src('./deploy/local/src/testing.ts') },
  { find: /^@stuurwiel\/infra\/chdb$/, replacement: src('./deploy/local/src/chdb.ts') },
  { find: /^@stuurwiel\/runtime$/, replacement: src('./services/runtime/src/index.ts') },
  // What the gateway imports of alerting: its alert history reads and its rule validation.
  { find: /^@stuurwiel\/alerting\/history$/, replacement: src('./services/alerting/src/history/index.ts') },
  { find: /^@stuurwiel\/alerting\/validate$/, replacement: src('./services/alerting/src/rules/validate.ts') },
  {
    find: /^@stuurwiel\/(ingest|aggregator|alerting|gateway|simulator)$/,
    replacement: src('./services/$1/src/index.ts'),
  },
];

const integration = ['**/*.int.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['**/test/**/*.test.ts'],
          // A process holds one chdb session (the current ClickHouse some unit tests run in
          // process): test files must not share a process while they run.
          pool: 'forks',
          exclude: ['**/node_modules/**', '**/dist/**', ...integration],
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: integration,
          exclude: ['**/node_modules/**', '**/dist/**'],
          // One Kafka broker and one ClickHouse server for the whole run; tests isolate
          // themselves by topic and database names.
          globalSetup: ['./deploy/local/src/vitest-global-setup.ts'],
          setupFiles: ['./deploy/local/src/vitest-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // These tests mostly wait (for Kafka, ClickHouse and the demo clock of the alerting
          // scenarios, which runs in wall time), so on two cores three files at a time keep the
          // machine busy; the default (cores − 1) ran them one by one.
          maxWorkers: 3,
          // Projects with their own worker count run as groups one after the other: unit first.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
