import { describe, expect, it } from 'vitest';
import { acceleratedClock, clockEnv, clockFromEnv, manualClock, wallClock } from '../src/index.js';

describe('clocks', () => {
  it('runs a demo clock speed times as fast from its start instant', () => {
    const origin = Date.now() - 2_000;
    const clock = acceleratedClock({ start: new Date('2026-03-02T08:00:00Z'), speed: 60, origin });
    const shown = clock().getTime() - Date.parse('2026-03-02T08:00:00Z');
    // two wall-clock seconds (and the few milliseconds of this test) are two demo minutes
    expect(shown).toBeGreaterThanOrEqual(120_000);
    expect(shown).toBeLessThan(180_000);
  });

  it('gives services started at different moments the same time when they share the origin', () => {
    const env = clockEnv.parse({
      STUURWIEL_CLOCK_START: '2026-03-02T08:00:00Z',
      STUURWIEL_CLOCK_ORIGIN: new Date(Date.now() - 1_000).toISOString(),
      STUURWIEL_CLOCK_SPEED: '10',
    });
    const a = clockFromEnv(env)();
    const b = clockFromEnv(env)();
    expect(Math.abs(a.getTime() - b.getTime())).toBeLessThan(1_000);
    expect(a.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-03-02T08:00:10Z'));
  });

  it('is the wall clock unless a start is set', () => {
    expect(clockFromEnv(clockEnv.parse({}))).toBe(wallClock);
  });

  it('refuses a speed of zero with the reason', () => {
    expect(clockEnv.safeParse({ STUURWIEL_CLOCK_SPEED: '0' }).error?.issues[0]?.message).toBe(
      'must be above 0',
    );
  });

  it('moves a manual clock only when told', () => {
    const clock = manualClock('2026-03-02T08:00:00Z');
    clock.advance(90_000);
    expect(clock().toISOString()).toBe('2026-03-02T08:01:30.000Z');
    clock.set('2026-03-03T00:00:00Z');
    expect(clock().toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });
});
