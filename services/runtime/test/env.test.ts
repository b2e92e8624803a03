import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, clickhouseEnv, httpEnv, kafkaEnv, logEnv, parseEnv } from '../src/env.js';

const schema = z.object({
  ...httpEnv(8081).shape,
  ...logEnv.shape,
  ...kafkaEnv.shape,
  ...clickhouseEnv.shape,
});

describe('parseEnv', () => {
  it('applies defaults and splits the broker list', () => {
    const config = parseEnv(schema, {
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092,',
      CLICKHOUSE_URL: 'http://clickhouse:8123',
    });
    expect(config).toEqual({
      PORT: 8081,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: ['kafka-1:9092', 'kafka-2:9092'],
      KAFKA_TOPIC_PREFIX: '',
      KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      CLICKHOUSE_URL: 'http://clickhouse:8123',
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'stuurwiel',
    });
    expect(config.KAFKA_CLIENT_ID).toBeUndefined();
  });

  it('gives each service its own default port and reads PORT as a number', () => {
    expect(parseEnv(httpEnv(8083), {}).PORT).toBe(8083);
    expect(parseEnv(httpEnv(8083), { PORT: '9000' }).PORT).toBe(9000);
  });

  it('says which variable is missing', () => {
    expect(() => parseEnv(kafkaEnv, {})).toThrow('Invalid configuration: KAFKA_BROKERS: required');
  });

  it('lists every bad variable with its reason, not only the first', () => {
    let error: unknown;
    try {
      parseEnv(schema, {
        PORT: '70000',
        LOG_LEVEL: 'loud',
        KAFKA_BROKERS: 'kafka',
        CLICKHOUSE_URL: 'not a url',
        CLICKHOUSE_DATABASE: 'drop table',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable)).toEqual([
      'PORT',
      'LOG_LEVEL',
      'KAFKA_BROKERS',
      'CLICKHOUSE_URL',
      'CLICKHOUSE_DATABASE',
    ]);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain('PORT: must be between 1 and 65535');
    expect(message).toContain('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('KAFKA_BROKERS: each broker must be host:port');
    expect(message).toContain('CLICKHOUSE_URL: must be an http(s) URL');
    expect(message).toContain('CLICKHOUSE_DATABASE: must be a plain identifier');
  });

  it('reports missing and malformed variables together', () => {
    expect(() => parseEnv(schema, { PORT: 'eighty' })).toThrow(
      'Invalid configuration: PORT: must be a port number; KAFKA_BROKERS: required; CLICKHOUSE_URL: required',
    );
  });

  it('rejects a broker list with no brokers in it', () => {
    expect(() => parseEnv(kafkaEnv, { KAFKA_BROKERS: ' , ' })).toThrow(
      'KAFKA_BROKERS: must name at least one broker',
    );
  });
});
