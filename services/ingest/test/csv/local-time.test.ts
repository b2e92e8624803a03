import { describe, expect, it } from 'vitest';
import { compileDateFormat, type DateFormat, parseDateTime } from '../../src/adapters/csv/index.js';

const format = (text: string) => compileDateFormat(text) as DateFormat;
const read = (text: string, pattern = 'dd-MM-yyyy HH:mm', zone = 'Europe/Amsterdam') =>
  parseDateTime(text, format(pattern), zone);

describe('local times in exports', () => {
  it.each([
    ['02-03-2026 09:00', ['2026-03-02T09:00:00+01:00']],
    ['28-03-2026 23:59', ['2026-03-28T23:59:00+01:00']],
    ['29-03-2026 01:59', ['2026-03-29T01:59:00+01:00']],
    ['29-03-2026 03:00', ['2026-03-29T03:00:00+02:00']],
    ['01-07-2026 12:00', ['2026-07-01T12:00:00+02:00']],
    ['25-10-2026 01:59', ['2026-10-25T01:59:00+02:00']],
    // The hour that happens twice: both readings, earliest first.
    ['25-10-2026 02:00', ['2026-10-25T02:00:00+02:00', '2026-10-25T02:00:00+01:00']],
    ['25-10-2026 02:59', ['2026-10-25T02:59:00+02:00', '2026-10-25T02:59:00+01:00']],
    ['25-10-2026 03:00', ['2026-10-25T03:00:00+01:00']],
    ['29-02-2028 10:00', ['2028-02-29T10:00:00+01:00']],
  ])('reads %s in Europe/Amsterdam', (text, expected) => {
    const result = read(text);
    expect(result.ok && result.candidates.map((c) => c.iso)).toEqual(expected);
    if (result.ok) {
      for (const c of result.candidates) expect(c.epochMs).toBe(Date.parse(c.iso));
    }
  });

  it('refuses the hour skipped in spring', () => {
    expect(read('29-03-2026 02:00')).toEqual({
      ok: false,
      reason:
        "'29-03-2026 02:00' does not exist in Europe/Amsterdam: the clocks were put forward over that hour",
    });
  });

  it.each([
    '29-02-2026 10:00',
    '32-01-2026 10:00',
    '01-13-2026 10:00',
    '01-01-2026 24:00',
    '1-1-2026 10:00',
    '',
  ])('refuses %j', (text) => {
    expect(read(text)).toEqual({ ok: false, reason: `'${text}' is not a date-time as dd-MM-yyyy HH:mm` });
  });

  it('reads other patterns, seconds and milliseconds, and other zones', () => {
    const at = (text: string, pattern: string, zone?: string) => {
      const r = read(text, pattern, zone);
      return r.ok ? r.candidates.map((c) => c.iso) : r.reason;
    };
    expect(at('2026-10-24 09:00:05', 'yyyy-MM-dd HH:mm:ss')).toEqual(['2026-10-24T09:00:05+02:00']);
    expect(at('2026-10-24 09:00:05.250', 'yyyy-MM-dd HH:mm:ss.SSS')).toEqual([
      '2026-10-24T09:00:05.250+02:00',
    ]);
    expect(at('2-3-2026 9:05', 'd-M-yyyy H:mm')).toEqual(['2026-03-02T09:05:00+01:00']);
    expect(at('03/08/2026 02:30', 'MM/dd/yyyy HH:mm', 'America/New_York')).toBe(
      "'03/08/2026 02:30' does not exist in America/New_York: the clocks were put forward over that hour",
    );
    expect(at('2026-01-15 10:00', 'yyyy-MM-dd HH:mm', 'Asia/Kolkata')).toEqual(['2026-01-15T10:00:00+05:30']);
  });

  it('takes ISO times with offset as they are and refuses local ones', () => {
    const iso = compileDateFormat('iso') as DateFormat;
    expect(parseDateTime('2026-03-02T09:00:00+01:00', iso, undefined)).toEqual({
      ok: true,
      candidates: [{ epochMs: Date.parse('2026-03-02T08:00:00Z'), iso: '2026-03-02T09:00:00+01:00' }],
    });
    expect(parseDateTime('2026-03-02T09:00:00', iso, undefined)).toEqual({
      ok: false,
      reason:
        "'2026-03-02T09:00:00' is not an ISO 8601 date-time with offset, e.g. 2026-03-02T09:00:00+01:00",
    });
  });

  it.each([
    ['dd-MM-yyyy', 'has no hour; e.g. dd-MM-yyyy HH:mm'],
    ['dd-MM-yyyy HH:mm dd', 'names the day twice'],
    [
      'yyyy-MM-ddTHH:mm',
      'unknown letter \'T\'; use yyyy, MM or M, dd or d, HH or H, mm, ss and SSS, or "iso"',
    ],
  ])('refuses the pattern %j', (pattern, reason) => {
    expect(compileDateFormat(pattern)).toBe(reason);
  });
});
