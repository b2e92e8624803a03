import { describe, expect, it } from 'vitest';
import { durationToDays, isBelowRoot } from '../../src/adapters/zgw/index.js';

describe('ZGW durations', () => {
  it.each([
    ['P56D', 56],
    ['P8W', 56],
    ['P6W', 42],
    ['P1W3D', 10],
    ['P1D', 1],
  ])('%s is %i calendar days', (text, days) => {
    expect(durationToDays(text, 'calendar_days')).toEqual({ ok: true, days });
  });

  it.each([
    ['P30D', 30],
    ['P2W', 10],
  ])('%s is %i working days (a week is five)', (text, days) => {
    expect(durationToDays(text, 'working_days')).toEqual({ ok: true, days });
  });

  it('rejects months and years with a clear reason', () => {
    expect(durationToDays('P1M', 'calendar_days')).toEqual({
      ok: false,
      reason:
        "unsupported duration 'P1M': months and years have no fixed number of days; express it in days or weeks (e.g. P42D, P6W)",
    });
    expect(durationToDays('P1Y', 'calendar_days')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('months and years'),
    });
  });

  it.each(['PT24H', 'P1DT12H', 'P0D', 'P', 'PT', '56', 'P-5D', 'P1.5D', ''])('rejects %j', (text) => {
    expect(durationToDays(text, 'calendar_days')).toMatchObject({ ok: false, reason: expect.any(String) });
  });
});

describe('isBelowRoot', () => {
  const root = new URL('https://oz.example/zaken/api/v1/');
  it.each([
    ['https://oz.example/zaken/api/v1/zaken/1', true],
    ['https://oz.example/zaken/api/v1/', false],
    ['https://oz.example/zaken/api/v10/zaken/1', false],
    ['https://oz.example/zaken/api/v1/../v2/zaken/1', false],
    ['https://oz.example/zaken/api/v1/%2e%2e/v2/zaken/1', false],
    ['http://oz.example/zaken/api/v1/zaken/1', false],
    ['https://oz.example:8443/zaken/api/v1/zaken/1', false],
    ['https://oz.example.evil.example/zaken/api/v1/zaken/1', false],
    ['https://a:b@oz.example/zaken/api/v1/zaken/1', false],
    ['not a url', false],
  ])('%s → %s', (url, below) => {
    expect(isBelowRoot(url, root)).toBe(below);
  });
});
