import type { KpiSnapshot, KpiSnapshotOf } from '@stuurwiel/schemas';
import {
  againstMaximum,
  againstTarget,
  noneAllowed,
  SERVICE_LEVEL_TARGET,
  type Status,
  worse,
} from './norms.js';

export type TileDomain = 'counter' | 'phone' | 'cases';

/** How a tile's value reads: a count, a duration in seconds, a share, or two counts side by side. */
export type TileValue =
  | { kind: 'count'; value: number }
  | { kind: 'seconds'; value: number | null }
  | { kind: 'share'; value: number | null }
  | { kind: 'pair'; value: number; second: number };

/** A line under the value: a message of the wall's dictionary with its values. */
export interface Detail {
  key:
    | 'normWait'
    | 'overNormWait'
    | 'inService'
    | 'walkInAppointment'
    | 'normAnswer'
    | 'targetServiceLevel'
    | 'callbacksOverdue'
    | 'casesOverdue'
    | `basis_${KpiSnapshotOf<'counter'>['now']['expected_wait_basis']}`;
  /** Durations in seconds (formatted by the page) and counts. */
  seconds?: Record<string, number>;
  counts?: Record<string, number>;
}

export interface Tile {
  id:
    | 'waiting'
    | 'longest_wait'
    | 'expected_wait'
    | 'waiting_over_norm'
    | 'desks_open'
    | 'walk_in_appointment'
    | 'calls_waiting'
    | 'service_level'
    | 'callbacks_due_today'
    | 'cases_at_risk';
  domain: TileDomain;
  value: TileValue;
  status: Status;
  /** Which way a bad figure is off: a wait over its norm, a service level under its target. */
  badMeans: 'over' | 'under';
  detail: Detail;
}

type Counter = KpiSnapshotOf<'counter'>;
type Phone = KpiSnapshotOf<'phone'>;
type Cases = KpiSnapshotOf<'cases'>;

/** The counter's six tiles of one location; an empty list when it has no snapshot (yet). */
export function counterTiles(snapshot: Counter | undefined): Tile[] {
  if (!snapshot) return [];
  const now = snapshot.now;
  const norm = now.wait_norm_seconds;
  const expected = againstMaximum(now.expected_wait_seconds, norm);
  const longest = now.waiting === 0 ? 'ok' : againstMaximum(now.longest_wait_seconds, norm);
  // Nobody to call them: people waiting with no desk open is past any norm.
  const noDesk: Status = now.desks_open === 0 ? (now.waiting > 0 ? 'bad' : 'ok') : 'ok';
  const tile = (t: Omit<Tile, 'domain' | 'badMeans'>): Tile => ({
    ...t,
    domain: 'counter',
    badMeans: 'over',
  });
  return [
    tile({
      id: 'waiting',
      value: { kind: 'count', value: now.waiting },
      // A number of people has no norm of its own: it is as good as the waits it means, the
      // longest now and the one a newcomer can expect.
      status: worse(
        worse(expected === 'none' ? 'ok' : expected, longest === 'none' ? 'ok' : longest),
        noDesk,
      ),
      detail: { key: 'inService', counts: { count: now.in_service } },
    }),
    tile({
      id: 'longest_wait',
      value: { kind: 'seconds', value: now.longest_wait_seconds },
      status: longest,
      detail: { key: 'normWait', seconds: { norm } },
    }),
    tile({
      id: 'expected_wait',
      value: { kind: 'seconds', value: now.expected_wait_seconds },
      status: now.expected_wait_basis === 'no_open_desk' ? noDesk : expected,
      detail: { key: `basis_${now.expected_wait_basis}` },
    }),
    tile({
      id: 'waiting_over_norm',
      value: { kind: 'count', value: now.waiting_over_norm },
      status: noneAllowed(now.waiting_over_norm),
      detail: { key: 'overNormWait', seconds: { norm } },
    }),
    tile({
      id: 'desks_open',
      value: { kind: 'count', value: now.desks_open },
      status: noDesk,
      detail: { key: 'inService', counts: { count: now.in_service } },
    }),
    tile({
      id: 'walk_in_appointment',
      value: { kind: 'pair', value: now.waiting_walk_in, second: now.waiting_appointment },
      status: 'info',
      detail: { key: 'walkInAppointment' },
    }),
  ];
}

/** The telephone's tiles (calls waiting, service level of 15 minutes, callbacks due today). */
export function phoneTiles(snapshot: Phone | undefined): Tile[] {
  if (!snapshot) return [];
  const now = snapshot.now;
  const window = snapshot.windows['15m'];
  const waitStatus: Status =
    now.calls_over_norm > 0 ? 'bad' : againstMaximum(now.longest_wait_seconds ?? 0, now.norm_seconds);
  return [
    {
      id: 'calls_waiting',
      domain: 'phone',
      value: { kind: 'count', value: now.calls_waiting },
      status: waitStatus,
      badMeans: 'over',
      detail: { key: 'normAnswer', seconds: { norm: now.norm_seconds } },
    },
    {
      id: 'service_level',
      domain: 'phone',
      value: { kind: 'share', value: window.service_level },
      status: againstTarget(window.service_level, SERVICE_LEVEL_TARGET),
      badMeans: 'under',
      detail: {
        key: 'targetServiceLevel',
        seconds: { norm: now.norm_seconds },
        counts: { target: SERVICE_LEVEL_TARGET },
      },
    },
    {
      id: 'callbacks_due_today',
      domain: 'phone',
      value: { kind: 'count', value: now.callbacks_due_today },
      status: noneAllowed(now.callbacks_overdue),
      badMeans: 'over',
      detail: { key: 'callbacksOverdue', counts: { count: now.callbacks_overdue } },
    },
  ];
}

/** Cases at risk: a warning while any are at risk, bad once any is past its deadline. */
export function casesTiles(snapshot: Cases | undefined): Tile[] {
  if (!snapshot) return [];
  const now = snapshot.now;
  return [
    {
      id: 'cases_at_risk',
      domain: 'cases',
      value: { kind: 'count', value: now.at_risk },
      status: now.overdue > 0 ? 'bad' : now.at_risk > 0 ? 'warn' : 'ok',
      badMeans: 'over',
      detail: { key: 'casesOverdue', counts: { count: now.overdue } },
    },
  ];
}

/** The snapshot of a domain and scope from the live picture (keys as kpiSnapshotKey makes them). */
export function findSnapshot<D extends TileDomain>(
  snapshots: Iterable<KpiSnapshot>,
  domain: D,
  scope: { kind: 'tenant' | 'location'; id: string | null },
): KpiSnapshotOf<D> | undefined {
  for (const s of snapshots)
    if (s.domain === domain && s.scope.kind === scope.kind && s.scope.id === scope.id)
      return s as KpiSnapshotOf<D>;
  return undefined;
}
