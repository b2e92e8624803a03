import type { Db } from '@stuurwiel/clickhouse';
import { manualClock } from '@stuurwiel/runtime';
import type { KpiSnapshot } from '@stuurwiel/schemas';
import { buildApp, type GatewayOptions } from '../../src/app.js';
import type { Principal, Role } from '../../src/auth/principal.js';
import { signToken } from '../../src/auth/tokens.js';
import { generateWallscreenKey } from '../../src/auth/wallscreen-keys.js';
import { loadConfig } from '../../src/config.js';
import { createLiveCaches } from '../../src/live/cache.js';
import { type RecordingPublisher, recordingPublisher } from './publisher.js';

/** Municipality A (the one under test) and B (whose data must never reach A). */
export const TENANT_A = 'GM0363';
export const TENANT_B = 'GM0599';
export const LOCATION_A = 'stadsloket-centrum';
export const TEST_SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
export const TEST_ISSUER = 'stuurwiel-test';
export const TEST_AUDIENCE = 'stuurwiel-gateway';
export const TEST_NOW = '2026-03-02T10:15:00.000Z';

/** The wall-screen key of A's location, configured in every app build() makes. */
export const WALLSCREEN_A = generateWallscreenKey('screen-centrum', TENANT_A, LOCATION_A);

export const testEnv = {
  KAFKA_BROKERS: 'kafka:9092',
  CLICKHOUSE_URL: 'http://clickhouse.invalid:8123',
  LOG_LEVEL: 'silent',
  GATEWAY_JWT_SECRET: TEST_SECRET,
  GATEWAY_JWT_ISSUER: TEST_ISSUER,
  GATEWAY_JWT_AUDIENCE: TEST_AUDIENCE,
  GATEWAY_WALLSCREEN_KEYS: WALLSCREEN_A.entry,
  GATEWAY_CORS_ORIGINS: 'https://stuurwiel.example.nl',
} as const;

export interface TokenOptions {
  tenant?: string;
  subject?: string;
  locations?: string[] | null;
  teams?: string[] | null;
  /** jose's expiry: a duration ('1h') or an epoch second in the past for an expired token. */
  expiresIn?: string | number;
  secret?: string;
  issuer?: string;
  audience?: string;
}

/** A token of `role` (A's by default) signed with the test secret, as the identity provider would. */
export function tokenFor(role: Role, options: TokenOptions = {}): Promise<string> {
  const tenant = options.tenant ?? TENANT_A;
  return signToken(
    {
      sub: options.subject ?? `${role}-of-${tenant}`,
      tenant,
      role,
      ...(options.locations !== undefined ? { locations: options.locations } : {}),
      ...(options.teams !== undefined ? { teams: options.teams } : {}),
    },
    {
      secret: options.secret ?? TEST_SECRET,
      issuer: options.issuer ?? TEST_ISSUER,
      audience: options.audience ?? TEST_AUDIENCE,
      expiresIn: options.expiresIn ?? '1h',
    },
  );
}

/** `Authorization` header with a bearer credential. */
export const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

export interface BuildOptions extends Omit<GatewayOptions, 'clock'> {
  /** Extra or replaced environment variables. */
  env?: Record<string, string>;
  /** Snapshots to put in the live caches before the app answers. */
  snapshots?: readonly KpiSnapshot[];
  /** Where the manual clock starts; TEST_NOW by default. */
  now?: string;
  db?: Db;
  /** Where settings changes go; a recording stand-in by default (Kafka is proven in settings.int.test.ts). */
  publisher?: RecordingPublisher;
}

/**
 * The gateway app for a test, ready, without Kafka (the caches are filled by the test) and with a
 * ClickHouse connection only when `db` is given (else one to an unreachable host, used lazily).
 * Closed when the test finishes (`t` is the vitest test context), or by the caller.
 */
export async function build(t?: { onTestFinished(fn: () => unknown): void }, options: BuildOptions = {}) {
  const caches = options.caches ?? createLiveCaches();
  for (const snapshot of options.snapshots ?? []) caches.snapshots.put(snapshot);
  const clock = manualClock(options.now ?? TEST_NOW);
  const { env, snapshots: _, now: __, ...rest } = options;
  const publisher = options.publisher ?? recordingPublisher();
  const app = buildApp(loadConfig({ ...testEnv, ...env }), {
    ...rest,
    caches,
    clock,
    consumeLive: false,
    publisher,
  });
  await app.ready();
  t?.onTestFinished(() => app.close());
  return { app, caches, cache: caches.snapshots, clock, publisher };
}

export type { Principal };
