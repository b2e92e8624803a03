import { describe, expect, it } from 'vitest';
import { durationToDays, extensionDuration, isBelowRoot } from '../../src/adapters/zgw/index.js';

describe('ZGW durations', () => {
  it.each([
    ['P56D', 56],
    ['P8W', 56],
    ['P6W', 42],
    ['P1W3D', 10],
    ['P1D', 1],
  ])('%s is %i calendar days', (text, days) => {
    expect(durationToDays(text)).toEqual({ ok: true, days });
  });

  it.each([
    ['P30D', { working_days: 30 }],
    ['P15D', { working_days: 15 }],
    ['P6W', { calendar_weeks: 6 }],
    ['P2W', { calendar_weeks: 2 }],
  ])('extension %s is %o (days are working days, weeks calendar weeks)', (text, extension) => {
    expect(extensionDuration(text)).toEqual({ ok: true, extension });
  });

  it('rejects an extension that mixes weeks and days, or is not a whole number of days', () => {
    expect(extensionDuration('P1W3D')).toEqual({
      ok: false,
      reason:
        "unsupported extension 'P1W3D': give it in days (working days, e.g. P10D) or in weeks (calendar weeks, e.g. P6W), not both",
    });
    expect(extensionDuration('P1M')).toMatchObject({ ok: false, reason: expect.stringContaining('months') });
    expect(extensionDuration('P0D')).toMatchObject({ ok: false });
  });

  it('rejects months and years with a clear reason', () => {
    expect(durationToDays('P1M')).toEqual({
      ok: false,
      reason:
        "unsupported duration 'P1M': months and years have no fixed number of days; express it in days or weeks (e.g. P42D, P6W)",
    });
    expect(durationToDays('P1Y')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('months and years'),
    });
  });

  it.each(['PT24H', 'P1DT12H', 'P0D', 'P', 'PT', '56', 'P-5D', 'P1.5D', ''])('rejects %j', (text) => {
    expect(durationToDays(text)).toMatchObject({ ok: false, reason: expect.any(String) });
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
