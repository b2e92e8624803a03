import { describe, expect, it } from 'vitest';
import { casesTiles, counterTiles, findSnapshot, phoneTiles } from '../../src/pages/wall/tiles.js';
import { cases, counter, phone } from './fixtures.js';

const byId = <T extends { id: string }>(tiles: T[]) => Object.fromEntries(tiles.map((t) => [t.id, t]));

describe('the wall screen’s tiles', () => {
  it('show the counter’s six figures of a location, each judged against the wait norm of its snapshot', () => {
    const tiles = byId(
      counterTiles(
        counter('centrum', {
          waiting: 6,
          longest_wait_seconds: 700,
          waiting_over_norm: 1,
          expected_wait_seconds: 500,
          wait_norm_seconds: 600,
        }),
      ),
    );
    expect(Object.keys(tiles)).toEqual([
      'waiting',
      'longest_wait',
      'expected_wait',
      'waiting_over_norm',
      'desks_open',
      'walk_in_appointment',
    ]);
    // Someone waits past the norm: the number of people waiting says so too.
    expect(tiles.waiting).toMatchObject({ value: { kind: 'count', value: 6 }, status: 'bad' });
    expect(tiles.longest_wait).toMatchObject({
      value: { kind: 'seconds', value: 700 },
      status: 'bad',
      badMeans: 'over',
    });
    expect(tiles.expected_wait).toMatchObject({ status: 'warn', detail: { key: 'basis_called_15m' } });
    expect(tiles.waiting_over_norm).toMatchObject({ value: { value: 1 }, status: 'bad' });
    expect(tiles.desks_open).toMatchObject({ value: { value: 2 }, status: 'ok' });
    expect(tiles.walk_in_appointment).toMatchObject({
      value: { kind: 'pair', value: 3, second: 1 },
      status: 'info',
    });
  });

  it('use the norm the snapshot carries: the same wait is fine against a 15-minute norm', () => {
    const tiles = byId(
      counterTiles(counter('centrum', { longest_wait_seconds: 700, wait_norm_seconds: 900 })),
    );
    expect(tiles.longest_wait!.status).toBe('ok');
  });

  it('judge the number waiting by the expected wait of a newcomer when nobody is past the norm yet', () => {
    const tiles = byId(
      counterTiles(counter('centrum', { longest_wait_seconds: 200, expected_wait_seconds: 540 })),
    );
    expect(tiles.waiting!.status).toBe('warn');
    expect(tiles.longest_wait!.status).toBe('ok');
  });

  it('call people waiting with no desk open bad, and an empty closed counter fine', () => {
    const closed = {
      desks_open: 0,
      expected_wait_seconds: null,
      expected_wait_basis: 'no_open_desk' as const,
    };
    const waiting = byId(counterTiles(counter('centrum', { ...closed, waiting: 2 })));
    expect(waiting.desks_open!.status).toBe('bad');
    expect(waiting.expected_wait!.status).toBe('bad');
    expect(waiting.waiting!.status).toBe('bad');
    const empty = byId(
      counterTiles(counter('centrum', { ...closed, waiting: 0, longest_wait_seconds: null })),
    );
    expect(empty.desks_open!.status).toBe('ok');
    expect(empty.longest_wait!.status).toBe('ok');
  });

  it('judge the telephone: calls past the answer norm are bad, the service level against 80 %, overdue callbacks bad', () => {
    const fine = byId(phoneTiles(phone()));
    expect(fine.calls_waiting).toMatchObject({ value: { value: 2 }, status: 'ok' });
    expect(fine.service_level).toMatchObject({
      value: { kind: 'share', value: 0.9 },
      status: 'ok',
      badMeans: 'under',
    });
    expect(fine.callbacks_due_today).toMatchObject({ value: { value: 2 }, status: 'ok' });
    const busy = byId(
      phoneTiles(
        phone(
          { calls_over_norm: 1, longest_wait_seconds: 45, callbacks_overdue: 1 },
          { service_level: 0.65 },
        ),
      ),
    );
    expect(busy.calls_waiting!.status).toBe('bad');
    expect(busy.service_level!.status).toBe('bad');
    expect(busy.callbacks_due_today!.status).toBe('bad');
    const quietQuarter = byId(phoneTiles(phone({}, { service_level: null })));
    expect(quietQuarter.service_level!.status).toBe('none');
  });

  it('warn while cases are at risk and call them bad once one is past its deadline', () => {
    expect(casesTiles(cases())[0]).toMatchObject({ value: { value: 0 }, status: 'ok' });
    expect(casesTiles(cases({ at_risk: 3 }))[0]).toMatchObject({ value: { value: 3 }, status: 'warn' });
    expect(casesTiles(cases({ at_risk: 3, overdue: 1 }))[0]!.status).toBe('bad');
  });

  it('show no tiles of a domain without a snapshot, and find a snapshot by domain and scope', () => {
    expect(counterTiles(undefined)).toEqual([]);
    expect(phoneTiles(undefined)).toEqual([]);
    const all = [counter('centrum'), counter('noord', { waiting: 9 }), phone(), cases()];
    expect(findSnapshot(all, 'counter', { kind: 'location', id: 'noord' })?.now.waiting).toBe(9);
    expect(findSnapshot(all, 'phone', { kind: 'tenant', id: null })?.domain).toBe('phone');
    expect(findSnapshot(all, 'counter', { kind: 'location', id: 'west' })).toBeUndefined();
  });
});
