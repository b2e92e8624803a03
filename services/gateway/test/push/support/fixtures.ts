import type { AlertMessage, KpiSnapshotOf } from '@stuurwiel/schemas';
import { jwtVerify, SignJWT } from 'jose';
import { type Principal, principal, type Role } from '../../../src/auth/principal.js';

const SECRET = new TextEncoder().encode('push-test-secret-0123456789abcdef0123456789');

export interface Claims {
  tenant: string;
  role: Role;
  locations?: string[];
  teams?: string[];
  sub?: string;
}

/** An HS256 token with the claims the test authenticate() maps to a Principal. */
export function token(
  claims: Claims,
  options: { expiresIn?: string; secret?: Uint8Array } = {},
): Promise<string> {
  const { sub = `user-${claims.role}`, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(options.secret ?? SECRET);
}

/**
 * What gw-core's verification does, for tests and benches: an HS256 token of `secret` whose
 * claims tenant, role, locations, teams and sub make the caller.
 */
export function verifyHs256(secret: Uint8Array): (jwt: string) => Promise<Principal> {
  return async (jwt) => {
    const { payload } = await jwtVerify(jwt, secret, { algorithms: ['HS256'] });
    return principal.parse({
      subject: payload.sub,
      tenant: payload.tenant,
      role: payload.role,
      locations: payload.locations ?? null,
      teams: payload.teams ?? null,
      via: 'jwt',
    });
  };
}

export const authenticate = verifyHs256(SECRET);

const stats = { count: 0, mean: null, median: null, p90: null };

/** A valid counter snapshot of a tenant or location; `waiting` tells versions apart. */
export function counterSnapshot(
  tenant: string,
  scope: { kind: 'tenant' | 'location' | 'queue'; id: string | null },
  waiting: number,
): KpiSnapshotOf<'counter'> {
  const window = {
    arrivals: 0,
    arrivals_per_hour: 0,
    called: 0,
    wait_walk_in: stats,
    wait_appointment: stats,
    service: stats,
    served: 0,
    no_shows: 0,
    left_or_removed: 0,
  };
  return {
    spec_version: 1,
    tenant,
    domain: 'counter',
    scope,
    as_of: '2026-04-28T08:05:00.000Z',
    computed_at: '2026-04-28T08:05:00.100Z',
    last_event_at: '2026-04-28T08:04:00.000Z',
    now: {
      waiting,
      waiting_walk_in: waiting,
      waiting_appointment: 0,
      longest_wait_seconds: waiting > 0 ? 60 : null,
      wait_norm_seconds: 600,
      waiting_over_norm: 0,
      in_service: 0,
      desks_open: 1,
      expected_wait_seconds: null,
      expected_wait_basis: 'no_data',
    },
    windows: { '15m': window, half_hour: window, '1h': window, today: window },
  };
}

/** A valid cases snapshot of a team; `open` tells versions apart. */
export function teamSnapshot(tenant: string, team: string, open: number): KpiSnapshotOf<'cases'> {
  const window = { closed: 0, closed_within_norm: 0, lead_time_days: stats };
  return {
    spec_version: 1,
    tenant,
    domain: 'cases',
    scope: { kind: 'team', id: team },
    as_of: '2026-04-28T08:05:00.000Z',
    computed_at: '2026-04-28T08:05:00.100Z',
    last_event_at: null,
    now: {
      open,
      suspended: 0,
      suspended_long: 0,
      completion_period_passed: 0,
      at_risk: 0,
      overdue: 0,
      past_legal_term: 0,
    },
    windows: { '15m': window, half_hour: window, '1h': window, today: window },
  };
}

/** A valid firing alert of a team (and location when given). */
export function alert(
  tenant: string,
  fingerprint: string,
  labels: Record<string, string>,
  state: AlertMessage['state'] = 'firing',
): AlertMessage {
  return {
    spec_version: 1,
    tenant,
    fingerprint,
    rule_id: 'counter-wait',
    rule_kind: 'threshold',
    labels: { tenant, rule_id: 'counter-wait', ...labels },
    state,
    severity: 'warning',
    summary: 'Wachttijd balie boven de norm',
    description: 'Langste wachttijd 14 minuten, norm 10 minuten.',
    value: 840,
    threshold: 600,
    unit: 'seconds',
    items: [],
    items_total: 0,
    starts_at: '2026-04-28T08:00:00.000Z',
    fired_at: state === 'pending' ? null : '2026-04-28T08:05:00.000Z',
    resolved_at: state === 'resolved' ? '2026-04-28T08:30:00.000Z' : null,
    updated_at: '2026-04-28T08:05:00.000Z',
    acknowledgement: null,
    silenced_by: [],
    muted_by: [],
    escalated_at: null,
  };
}
