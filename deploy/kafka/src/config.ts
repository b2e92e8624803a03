import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { KafkaSecurity } from './client.js';

// The environment that says how every service connects to Kafka beyond its addresses. Kafka's
// own names (security.protocol, sasl.mechanism) so that an operator can copy them from the
// broker's listener configuration.

export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const KAFKA_SASL_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

/** A PEM file's text, read when the configuration is; a file that cannot be read is a config error. */
const pemFile = (what: string) =>
  z
    .string()
    .min(1, 'must not be empty when set')
    .transform((path, ctx) => {
      try {
        return { path, pem: readFileSync(path, 'utf8') };
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `cannot read ${what} ${path}: ${(error as Error).message}` });
        return z.NEVER;
      }
    });

export const kafkaSecurityEnvSchema = z.object({
  KAFKA_SECURITY_PROTOCOL: z
    .enum(KAFKA_SECURITY_PROTOCOLS, { error: `must be one of ${KAFKA_SECURITY_PROTOCOLS.join(', ')}` })
    .default('PLAINTEXT')
    .describe(
      'How to talk to the brokers: PLAINTEXT, SSL (TLS), SASL_PLAINTEXT (SCRAM login) or SASL_SSL (both)',
    ),
  KAFKA_SASL_MECHANISM: z
    .enum(KAFKA_SASL_MECHANISMS, { error: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` })
    .default('SCRAM-SHA-512')
    .describe('SASL mechanism with SASL_PLAINTEXT or SASL_SSL'),
  KAFKA_SASL_USERNAME: z
    .string()
    .min(1, 'must not be empty when set')
    .optional()
    .describe('SASL user; required with SASL_PLAINTEXT or SASL_SSL'),
  KAFKA_SASL_PASSWORD: z
    .string()
    .min(1, 'must not be empty when set')
    .optional()
    .describe('SASL password (secret); required with SASL_PLAINTEXT or SASL_SSL'),
  KAFKA_SSL_CA_FILE: pemFile('the CA file')
    .optional()
    .describe(
      "PEM file of the CA that signed the brokers' certificates, with SSL or SASL_SSL; unset trusts the system's CAs",
    ),
  KAFKA_SSL_CERT_FILE: pemFile('the certificate file')
    .optional()
    .describe('PEM client certificate for brokers that require one (with KAFKA_SSL_KEY_FILE)'),
  KAFKA_SSL_KEY_FILE: pemFile('the key file')
    .optional()
    .describe('PEM private key of KAFKA_SSL_CERT_FILE (secret)'),
});
export type KafkaSecurityEnv = z.output<typeof kafkaSecurityEnvSchema>;

/**
 * The checks between the variables; add to a service's config schema with `.superRefine`
 * (a spread of the shape alone would drop them). Each problem names its variable.
 */
export function checkKafkaSecurity(env: KafkaSecurityEnv, ctx: z.RefinementCtx): void {
  const protocol = env.KAFKA_SECURITY_PROTOCOL;
  const sasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
  const tls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const problem = (variable: keyof KafkaSecurityEnv, message: string) =>
    ctx.addIssue({ code: 'custom', path: [variable], message });
  if (sasl) {
    if (!env.KAFKA_SASL_USERNAME) problem('KAFKA_SASL_USERNAME', `required with ${protocol}`);
    if (!env.KAFKA_SASL_PASSWORD) problem('KAFKA_SASL_PASSWORD', `required with ${protocol}`);
  } else {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (env[variable]) problem(variable, `only with SASL_PLAINTEXT or SASL_SSL, not ${protocol}`);
    }
  }
  if (!tls) {
    for (const variable of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const) {
      if (env[variable]) problem(variable, `only with SSL or SASL_SSL, not ${protocol}`);
    }
  }
  if (env.KAFKA_SSL_CERT_FILE && !env.KAFKA_SSL_KEY_FILE)
    problem('KAFKA_SSL_KEY_FILE', 'required with KAFKA_SSL_CERT_FILE');
  if (env.KAFKA_SSL_KEY_FILE && !env.KAFKA_SSL_CERT_FILE)
    problem('KAFKA_SSL_CERT_FILE', 'required with KAFKA_SSL_KEY_FILE');
}

/** The connection security for createKafka, from a checked environment. */
export function kafkaSecurityFromEnv(env: KafkaSecurityEnv): KafkaSecurity {
  const protocol = env.KAFKA_SECURITY_PROTOCOL;
  const security: KafkaSecurity = {};
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    security.tls = {
      ...(env.KAFKA_SSL_CA_FILE ? { ca: env.KAFKA_SSL_CA_FILE.pem } : {}),
      ...(env.KAFKA_SSL_CERT_FILE ? { cert: env.KAFKA_SSL_CERT_FILE.pem } : {}),
      ...(env.KAFKA_SSL_KEY_FILE ? { key: env.KAFKA_SSL_KEY_FILE.pem } : {}),
    };
  }
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    security.sasl = {
      mechanism: env.KAFKA_SASL_MECHANISM,
      username: env.KAFKA_SASL_USERNAME ?? '',
      password: env.KAFKA_SASL_PASSWORD ?? '',
    };
  }
  return security;
}
