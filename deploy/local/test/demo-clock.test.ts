import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoClockEnv, demoDayStart, keepDemoClock, planDemoClock } from '../src/demo-clock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'demo-clock-'));

describe('the demo day', () => {
  it('starts at 08:00 Amsterdam time of the same weekday, in winter and in summer', () => {
    expect(demoDayStart(new Date('2026-12-08T15:00:00Z')).toISOString()).toBe('2026-12-08T07:00:00.000Z');
    expect(demoDayStart(new Date('2026-06-09T15:00:00Z')).toISOString()).toBe('2026-06-09T06:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Saturday 5 December 2026 → Monday 7 December.
    expect(demoDayStart(new Date('2026-12-05T10:00:00Z')).toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });

  it('takes the calendar day in Amsterdam, not in UTC', () => {
    // 23:30 UTC on Monday is already Tuesday in Amsterdam.
    expect(demoDayStart(new Date('2026-12-07T23:30:00Z')).toISOString()).toBe('2026-12-08T07:00:00.000Z');
  });

  it('after a Friday comes the Monday, across the change to summer time', () => {
    expect(demoDayStart(new Date('2026-03-27T16:00:00Z'), { after: true }).toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
  });
});

describe("a data folder's demo clock", () => {
  const now = new Date('2026-12-05T10:00:00Z');

  it('starts a new folder on the next weekday, or where --start says', () => {
    const file = join(folder(), 'demo-clock.json');
    expect(planDemoClock({ file, speed: 60, now }).start.toISOString()).toBe('2026-12-07T07:00:00.000Z');
    const asked = planDemoClock({ file, speed: 60, now, start: '2026-03-03T09:00:00+01:00' });
    expect(asked).toMatchObject({ start: new Date('2026-03-03T08:00:00Z'), speed: 60, origin: now });
  });

  it('goes on with the working day after the furthest instant an earlier run reached', () => {
    const file = join(folder(), 'demo-clock.json');
    writeFileSync(file, JSON.stringify({ version: 1, reached: '2026-12-11T15:30:00.000Z' }));
    const plan = planDemoClock({ file, speed: 60, now, start: '2026-03-03T09:00:00+01:00' });
    expect(plan.start.toISOString()).toBe('2026-12-14T07:00:00.000Z');
    expect(plan.reason).toContain('2026-12-11T15:30:00.000Z');
  });

  it('names the file and the way out when it cannot be read', () => {
    const file = join(folder(), 'demo-clock.json');
    writeFileSync(file, JSON.stringify({ version: 1, reached: 'yesterday' }));
    expect(() => planDemoClock({ file, speed: 60, now })).toThrow(
      new RegExp(`${file}: reached: .*start with --reset`),
    );
  });

  it('keeps the instant reached, which the next plan goes on from', () => {
    const file = join(folder(), 'demo-clock.json');
    const plan = { start: new Date('2026-12-07T07:00:00Z'), speed: 60, origin: new Date(), reason: '' };
    const kept = keepDemoClock(file, plan, 60_000);
    kept.stop();
    const reached = Date.parse(JSON.parse(readFileSync(file, 'utf8')).reached);
    expect(reached).toBeGreaterThanOrEqual(plan.start.getTime());
    expect(planDemoClock({ file, speed: 60 }).start.toISOString()).toBe('2026-12-08T07:00:00.000Z');
  });

  it('is handed to every service as STUURWIEL_CLOCK_START, _ORIGIN and _SPEED', () => {
    const plan = planDemoClock({ file: join(folder(), 'demo-clock.json'), speed: 120, now });
    expect(demoClockEnv(plan)).toEqual({
      STUURWIEL_CLOCK_START: '2026-12-07T07:00:00.000Z',
      STUURWIEL_CLOCK_ORIGIN: '2026-12-05T10:00:00.000Z',
      STUURWIEL_CLOCK_SPEED: '120',
    });
  });
});
