import { describe, expect, it } from 'vitest';
import { localTime } from '../src/local-time.js';
import { configs, qmatic, queueLog, simulate } from './simulate.js';

const DAY = ['2026-03-03T05:00:00Z', '2026-03-03T17:00:00Z'] as const;

describe('scenarios that make alerts fire', async () => {
  const { zuiderstad } = await configs();
  const normal = simulate(zuiderstad!, ...DAY);

  /** Longest wait (minutes) of a visit called at the location between two local hours. */
  const longestWait = (records: typeof normal.records, fromHour: number, toHour: number) => {
    const eligible = new Map(
      qmatic(records, 'VISIT_CREATE').map((r) => [
        r.source === 'qmatic' && r.body.visitId,
        Math.max(
          r.at,
          r.source === 'qmatic' && r.body.appointmentTime ? Date.parse(String(r.body.appointmentTime)) : 0,
        ),
      ]),
    );
    return Math.max(
      ...qmatic(records, 'VISIT_CALL')
        .filter(
          (r) =>
            r.source === 'qmatic' &&
            r.body.servicePointId &&
            localTime(r.at).minute >= fromHour * 60 &&
            localTime(r.at).minute < toHour * 60,
        )
        .map((r) => (r.at - eligible.get(r.source === 'qmatic' && r.body.visitId)!) / 60_000),
    );
  };

  it('desk-closure closes desks of the largest location at the morning peak, and the wait grows past the norm', () => {
    const closure = simulate(zuiderstad!, ...DAY, ['desk-closure']);
    const closedAt = qmatic(closure.records, 'SERVICE_POINT_CLOSE').map((r) => localTime(r.at).minute);
    expect(closedAt.filter((m) => m >= 9 * 60 + 30 && m < 10 * 60).length).toBe(Math.ceil(8 * 0.4));
    expect(longestWait(closure.records, 10, 12)).toBeGreaterThan(10);
    expect(longestWait(closure.records, 10, 12)).toBeGreaterThan(longestWait(normal.records, 10, 12));
  });

  it('sick-day lets the case backlog grow where a normal day keeps it level', () => {
    const sick = simulate(zuiderstad!, ...DAY, ['sick-day']);
    const grown = (m: typeof normal.municipality) =>
      Object.values(m.cases.backlog()).reduce((a, b) => a + b, 0) -
      zuiderstad!.cases.types.reduce((sum, t) => sum + t.initial_backlog, 0);
    expect(grown(sick.municipality)).toBeGreaterThan(150);
    expect(Math.abs(grown(normal.municipality))).toBeLessThan(60);
  });

  it('phone-silent writes no queue_log line from 10:30 to 11:30, and lines again after', () => {
    const silent = simulate(zuiderstad!, ...DAY, ['phone-silent']);
    const minutes = queueLog(silent.records).map((r) => localTime(r.at).minute);
    expect(minutes.filter((m) => m >= 10.5 * 60 && m < 11.5 * 60)).toEqual([]);
    expect(minutes.filter((m) => m >= 11.5 * 60).length).toBeGreaterThan(100);
    expect(
      queueLog(normal.records).filter(
        (r) => localTime(r.at).minute >= 10.5 * 60 && localTime(r.at).minute < 11.5 * 60,
      ).length,
    ).toBeGreaterThan(100);
  });
});
