import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testKafka, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { ConfigResourceTypes } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { standardTopics } from '../src/standard-topics.js';

const cli = fileURLToPath(new URL('../src/topics-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

describe('the topics command', () => {
  it('creates every topic once, the KPI topic compacted, and leaves existing ones alone', async () => {
    const infra = useInfra();
    const prefix = `${uniqueName('topics')}.`;
    const env = { ...process.env, KAFKA_BROKERS: infra.kafka.brokers.join(','), KAFKA_TOPIC_PREFIX: prefix };
    await promisify(execFile)(tsx, [cli], { env });
    await promisify(execFile)(tsx, [cli], { env });

    const admin = testKafka(infra).admin();
    await admin.connect();
    try {
      const expected = standardTopics(prefix);
      const meta = await admin.fetchTopicMetadata({ topics: expected.map((t) => t.topic) });
      expect(meta.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
        expected.map((t) => [t.topic, t.partitions]).sort(),
      );
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: `${prefix}kpi.v1`, configNames: ['cleanup.policy'] },
        ],
      });
      expect(configs.resources[0]?.configEntries[0]?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });

  it('names the variable that is missing', async () => {
    const run = promisify(execFile)(tsx, [cli], { env: { ...process.env, KAFKA_BROKERS: '' } });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('KAFKA_BROKERS: required'),
    });
  });
});
