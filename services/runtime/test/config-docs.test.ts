import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  describeVariable,
  readConfigSection,
  renderConfigTable,
  writeConfigSection,
} from '../src/config-docs.js';
import { clickhouseEnv, httpEnv, kafkaEnv, logEnv } from '../src/env.js';

describe('describeVariable', () => {
  it('reads required, default and description through wrappers', () => {
    expect(describeVariable('PORT', httpEnv(8081).shape.PORT)).toEqual({
      name: 'PORT',
      required: false,
      default: { value: 8081 },
      description: 'TCP port for HTTP: health, readiness, metrics and the API',
    });
    expect(describeVariable('KAFKA_BROKERS', kafkaEnv.shape.KAFKA_BROKERS)).toEqual({
      name: 'KAFKA_BROKERS',
      required: true,
      description: 'Comma-separated Kafka bootstrap brokers, host:port',
    });
    expect(describeVariable('KAFKA_CLIENT_ID', kafkaEnv.shape.KAFKA_CLIENT_ID)).toMatchObject({
      required: false,
    });
    expect(describeVariable('CLICKHOUSE_PASSWORD', clickhouseEnv.shape.CLICKHOUSE_PASSWORD)).toMatchObject({
      required: false,
      default: { value: '' },
    });
  });

  it('finds a description given before the default', () => {
    const doc = describeVariable('X', z.string().describe('inner').default('a'));
    expect(doc).toEqual({ name: 'X', required: false, default: { value: 'a' }, description: 'inner' });
  });
});

describe('renderConfigTable', () => {
  const a = z.object({ ...httpEnv(8081).shape, ...logEnv.shape, ...kafkaEnv.shape });
  const b = z.object({
    ...httpEnv(8082).shape,
    ...logEnv.shape,
    ...kafkaEnv.shape,
    ...clickhouseEnv.shape,
    NOTE: z.string().optional().describe('a | b\nc'),
  });
  const table = renderConfigTable([
    { service: 'a', schema: a },
    { service: 'b', schema: b },
  ]);
  const lines = table.trimEnd().split('\n');

  it('has one row per variable, in order of first appearance', () => {
    expect(lines[0]).toBe('| Variable | Services | Required | Default | Description |');
    expect(lines.slice(2).map((l) => l.split(' | ')[0])).toEqual(
      [
        'PORT',
        'HOST',
        'LOG_LEVEL',
        'KAFKA_BROKERS',
        'KAFKA_CLIENT_ID',
        'KAFKA_TOPIC_PREFIX',
        'KAFKA_SECURITY_PROTOCOL',
        'KAFKA_SASL_MECHANISM',
        'KAFKA_SASL_USERNAME',
        'KAFKA_SASL_PASSWORD',
        'KAFKA_SSL_CA_FILE',
        'KAFKA_SSL_CERT_FILE',
        'KAFKA_SSL_KEY_FILE',
        'CLICKHOUSE_URL',
        'CLICKHOUSE_USER',
        'CLICKHOUSE_PASSWORD',
        'CLICKHOUSE_DATABASE',
        'NOTE',
      ].map((name) => `| \`${name}\``),
    );
  });

  it('lists the services, requiredness, defaults and descriptions', () => {
    expect(lines).toContain(
      '| `KAFKA_BROKERS` | a, b | yes |  | Comma-separated Kafka bootstrap brokers, host:port |',
    );
    expect(lines).toContain('| `CLICKHOUSE_PASSWORD` | b | no | `""` | ClickHouse password (secret) |');
    expect(lines).toContain(
      '| `LOG_LEVEL` | a, b | no | `info` | Minimum level of the JSON log lines written to stdout |',
    );
  });

  it("shows each service's default where they differ", () => {
    expect(lines.find((l) => l.startsWith('| `PORT`'))).toContain('`8081` (a), `8082` (b)');
  });

  it('escapes pipes and line breaks', () => {
    expect(lines.at(-1)).toBe('| `NOTE` | b | no |  | a \\| b c |');
  });
});

describe('README section', () => {
  const readme = '# x\n\n<!-- config:start -->\nold\n<!-- config:end -->\n\nafter\n';

  it('replaces only the text between the markers', () => {
    const updated = writeConfigSection(readme, '| new |\n');
    expect(updated).toBe('# x\n\n<!-- config:start -->\n| new |\n<!-- config:end -->\n\nafter\n');
    expect(readConfigSection(updated)).toBe('| new |\n');
    expect(writeConfigSection(updated, '| new |\n')).toBe(updated);
  });

  it('complains when the markers are missing', () => {
    expect(() => readConfigSection('# x')).toThrow('<!-- config:start -->');
  });
});
