import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkKafkaSecurity, kafkaSecurityEnvSchema, kafkaSecurityFromEnv } from '../src/config.js';

const schema = z.object(kafkaSecurityEnvSchema.shape).superRefine(checkKafkaSecurity);

/** Each problem as "VARIABLE: reason", as a service's ConfigError would name it. */
function problems(env: Record<string, string>): string[] {
  const result = schema.safeParse(env);
  return result.success ? [] : result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
}

const pem = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-config-'));
  const path = join(dir, 'ca.pem');
  writeFileSync(path, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  return path;
})();

describe('Kafka security configuration', () => {
  it('connects in plain text when nothing is set', () => {
    expect(kafkaSecurityFromEnv(schema.parse({}))).toEqual({});
  });

  it('logs in with SCRAM when a SASL protocol is chosen', () => {
    const env = schema.parse({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_SASL_USERNAME: 'ingest',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_SSL_CA_FILE: pem,
    });
    expect(kafkaSecurityFromEnv(env)).toEqual({
      tls: { ca: expect.stringContaining('BEGIN CERTIFICATE') },
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'ingest', password: 'secret' },
    });
  });

  it('names each missing or misplaced variable', () => {
    expect(problems({ KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT' })).toEqual([
      'KAFKA_SASL_USERNAME: required with SASL_PLAINTEXT',
      'KAFKA_SASL_PASSWORD: required with SASL_PLAINTEXT',
    ]);
    expect(problems({ KAFKA_SASL_USERNAME: 'ingest', KAFKA_SSL_CA_FILE: pem })).toEqual([
      'KAFKA_SASL_USERNAME: only with SASL_PLAINTEXT or SASL_SSL, not PLAINTEXT',
      'KAFKA_SSL_CA_FILE: only with SSL or SASL_SSL, not PLAINTEXT',
    ]);
    expect(problems({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: pem })).toEqual([
      'KAFKA_SSL_KEY_FILE: required with KAFKA_SSL_CERT_FILE',
    ]);
    expect(problems({ KAFKA_SECURITY_PROTOCOL: 'TLS' })).toEqual([
      'KAFKA_SECURITY_PROTOCOL: must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL',
    ]);
    expect(problems({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'PLAIN' })[0]).toBe(
      'KAFKA_SASL_MECHANISM: must be one of SCRAM-SHA-256, SCRAM-SHA-512',
    );
  });

  it('names a certificate file that cannot be read', () => {
    expect(problems({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' })).toEqual([
      expect.stringMatching(/^KAFKA_SSL_CA_FILE: cannot read the CA file \/nonexistent\/ca.pem: ENOENT/),
    ]);
  });
});
