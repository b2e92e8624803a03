import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { CACHE_DIR } from './paths.js';
import { type InfraInfo, infraInfo, provideInfra } from './provider.js';

declare module 'vitest' {
  export interface ProvidedContext {
    infra: InfraInfo;
  }
}

/** Starts one Kafka and one ClickHouse for the whole test run and stops them afterwards. */
export default async function setup(project: TestProject) {
  const runDir = `${CACHE_DIR}/test-runs/${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  mkdirSync(runDir, { recursive: true });
  const infra = await provideInfra({ runDir, log: (m) => console.log(`[infra] ${m}`) });
  project.provide('infra', infraInfo(infra));
  return async () => {
    await infra.stop();
  };
}
