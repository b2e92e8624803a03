import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { useInfra } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { provideInfra } from '../src/provider.js';

function serverProcessCount(): number {
  const out = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /kafka\.Kafka|clickhouse-server/.test(l)).length;
}

describe('infrastructure provider', () => {
  it('uses KAFKA_BROKERS and CLICKHOUSE_URL as given and starts nothing', async () => {
    const shared = useInfra();
    const before = serverProcessCount();
    const infra = await provideInfra({
      runDir: mkdtempSync(`${tmpdir()}/provider-`),
      env: {
        KAFKA_BROKERS: shared.kafka.brokers.join(','),
        CLICKHOUSE_URL: shared.clickhouse.url,
        CLICKHOUSE_USER: shared.clickhouse.username,
        CLICKHOUSE_PASSWORD: shared.clickhouse.password,
      },
    });
    expect(infra.mode).toBe('environment');
    expect(infra.kafka.brokers).toEqual(shared.kafka.brokers);
    expect(infra.clickhouse.url).toBe(shared.clickhouse.url);
    expect(infra.clickhouse.version).toBe(shared.clickhouse.version);
    expect(infra.processes).toEqual([]);
    expect(serverProcessCount()).toBe(before);
    await infra.stop();
  });

  it('refuses half an explicit configuration, naming what is missing', async () => {
    await expect(
      provideInfra({ runDir: tmpdir(), env: { KAFKA_BROKERS: '127.0.0.1:9092' } }),
    ).rejects.toThrow(
      'Set both KAFKA_BROKERS and CLICKHOUSE_URL to use existing infrastructure (missing: CLICKHOUSE_URL)',
    );
  });
});
