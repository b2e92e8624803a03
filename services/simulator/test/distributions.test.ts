import { describe, expect, it } from 'vitest';
import { localTime } from '../src/local-time.js';
import { configs, qmatic, queueLog, simulate } from './simulate.js';

// Monday 2 March to Friday 6 March 2026, from before opening to after closing (Amsterdam is UTC+1).
const WEEK = ['2026-03-02T05:00:00Z', '2026-03-06T21:00:00Z'] as const;

describe('the generated municipality days', async () => {
  const all = await configs();
  const week = simulate(all.zuiderstad!, ...WEEK);
  const creates = qmatic(week.records, 'VISIT_CREATE');

  it('brings about half of the counter visitors between 9 and 12', () => {
    const hour = (at: number) => localTime(at).minute / 60;
    const morning = creates.filter((r) => hour(r.at) >= 9 && hour(r.at) < 12);
    expect(creates.length).toBeGreaterThan(1000);
    expect(morning.length / creates.length).toBeGreaterThan(0.45);
    expect(morning.length / creates.length).toBeLessThan(0.6);
  });

  it('books about one visit in three by appointment, in quarter-hour slots', () => {
    const booked = creates.filter((r) => r.source === 'qmatic' && r.body.appointmentTime !== undefined);
    expect(booked.length / creates.length).toBeGreaterThan(0.29);
    expect(booked.length / creates.length).toBeLessThan(0.37);
    for (const r of booked) {
      const slot = Date.parse(String(r.source === 'qmatic' && r.body.appointmentTime));
      expect(slot % 900_000).toBe(0);
    }
  });

  it('has more visitors on Monday than on Friday, as the weekday pattern says', () => {
    const perDay = (date: string) => creates.filter((r) => localTime(r.at).date === date).length;
    expect(perDay('2026-03-02')).toBeGreaterThan(perDay('2026-03-06'));
  });

  it('serves each product for about its configured median, and passports longer than extracts', () => {
    const called = new Map(
      qmatic(week.records, 'VISIT_CALL').map((r) => [r.source === 'qmatic' && r.body.visitId, r.at]),
    );
    const minutes = (product: string) =>
      qmatic(week.records, 'VISIT_END')
        .filter((r) => r.source === 'qmatic' && (r.body.services as { id: string }[])[0]!.id === product)
        .map((r) => (r.at - called.get(r.source === 'qmatic' && r.body.visitId)!) / 60_000)
        .sort((a, b) => a - b);
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
    expect(median(minutes('paspoort'))).toBeGreaterThan(8 * 0.85);
    expect(median(minutes('paspoort'))).toBeLessThan(8 * 1.15);
    expect(median(minutes('brp-uittreksel'))).toBeLessThan(median(minutes('paspoort')));
  });

  it('opens no desk and takes no call outside the opening hours, nor on a closing day', () => {
    for (const r of creates) {
      const at = localTime(r.at);
      expect(at.minute).toBeGreaterThanOrEqual(8 * 60 + 30);
    }
    const ascension = simulate(all.zuiderstad!, '2026-05-15T04:00:00Z', '2026-05-15T20:00:00Z');
    expect(qmatic(ascension.records, 'VISIT_CREATE')).toEqual([]);
    expect(queueLog(ascension.records, 'ENTERQUEUE')).toEqual([]);
  });

  it('answers most 14+ calls, and lets some callers hang up or take a callback', () => {
    const queued = queueLog(week.records, 'ENTERQUEUE').length;
    const answered = queueLog(week.records, 'CONNECT').length;
    expect(answered / queued).toBeGreaterThan(0.75);
    expect(queueLog(week.records, 'ABANDON').length).toBeGreaterThan(0);
    expect(queueLog(week.records, 'EXITWITHKEY').length).toBeGreaterThan(0);
    expect(queueLog(week.records, 'MENUABANDON').length).toBeGreaterThan(0);
  });

  it('gives the same records for the same seed', () => {
    const again = simulate(all.zuiderstad!, WEEK[0], '2026-03-02T12:00:00Z');
    const once = simulate(all.zuiderstad!, WEEK[0], '2026-03-02T12:00:00Z');
    expect(again.records).toEqual(once.records);
    expect(again.records.length).toBeGreaterThan(1000);
  });

  it('sends a few malformed records of every source, so the dead-letter path shows', () => {
    const bad = {
      qmatic: qmatic(week.records, 'VISIT_CALL').filter(
        (r) => r.source === 'qmatic' && !r.body.servicePointId,
      ),
      asterisk: queueLog(week.records, 'CONNECT').filter(
        (r) => r.source === 'asterisk' && r.line.split('|').length === 5,
      ),
      survey: week.records.filter(
        (r) => r.source === 'survey' && String(r.body.response_id).endsWith('-bad'),
      ),
      zgw: week.records.filter(
        (r) => r.source === 'zgw' && String(r.body.hoofdObject).includes('elders.example'),
      ),
    };
    for (const [source, records] of Object.entries(bad)) expect(records.length, source).toBeGreaterThan(0);
    expect(bad.qmatic.length / creates.length).toBeLessThan(0.03);
  });

  it('loads the three bundled municipalities, of different sizes', () => {
    const sizes = Object.values(all).map((c) => c.population);
    expect(new Set(Object.values(all).map((c) => c.size_class)).size).toBe(3);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeGreaterThan(10);
  });
});
