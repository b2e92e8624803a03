import { describe, expect, it } from 'vitest';
import {
  againstMaximum,
  againstTarget,
  noneAllowed,
  QUIET_AFTER_SECONDS,
  SERVICE_LEVEL_TARGET,
  worse,
} from '../../src/pages/wall/norms.js';

describe('the wall screen’s norms', () => {
  it('judges a wait against its norm: ok below 80 % of it, watch up to it, bad only strictly past it', () => {
    expect(againstMaximum(0, 600)).toBe('ok');
    expect(againstMaximum(479, 600)).toBe('ok');
    expect(againstMaximum(480, 600)).toBe('warn');
    expect(againstMaximum(600, 600)).toBe('warn');
    expect(againstMaximum(601, 600)).toBe('bad');
    expect(againstMaximum(null, 600)).toBe('none');
  });

  it('judges a service level against the 80 % target: watch within 10 points under it, bad further under', () => {
    expect(SERVICE_LEVEL_TARGET).toBe(0.8);
    expect(againstTarget(0.8, 0.8)).toBe('ok');
    expect(againstTarget(0.79, 0.8)).toBe('warn');
    expect(againstTarget(0.7, 0.8)).toBe('warn');
    expect(againstTarget(0.69, 0.8)).toBe('bad');
    expect(againstTarget(null, 0.8)).toBe('none');
  });

  it('counts that should be zero are bad from the first one', () => {
    expect(noneAllowed(0)).toBe('ok');
    expect(noneAllowed(1)).toBe('bad');
  });

  it('a tile judged on two figures takes the worse verdict', () => {
    expect(worse('ok', 'warn')).toBe('warn');
    expect(worse('bad', 'warn')).toBe('bad');
    expect(worse('none', 'ok')).toBe('ok');
  });

  it('calls a source quiet after the least time the source_quiet alert rule waits (10 minutes)', () => {
    expect(QUIET_AFTER_SECONDS).toBe(600);
  });
});
