import { describe, expect, it } from 'vitest';
import { createDayLog } from '../../src/live/day-log.js';
import { callFact, TENANT, visitFact } from './helpers.js';

describe('createDayLog', () => {
  it('a recomputed fact replaces the earlier one with the same id', () => {
    const log = createDayLog();
    log.put(
      TENANT,
      'visits',
      visitFact({ visit_id: 'V1', finished_at: '2026-03-02T08:00:00Z', service_seconds: 60 }),
    );
    log.put(
      TENANT,
      'visits',
      visitFact({ visit_id: 'V1', finished_at: '2026-03-02T08:00:00Z', service_seconds: 90 }),
    );
    log.put(TENANT, 'visits', visitFact({ visit_id: 'V2', finished_at: '2026-03-02T08:01:00Z' }));
    expect(log.list(TENANT, 'visits').map((v) => [v.visit_id, v.service_seconds])).toEqual([
      ['V1', 90],
      ['V2', null],
    ]);
    expect(log.list('GM0599', 'visits')).toEqual([]);
  });

  it('keeps tenants and kinds apart', () => {
    const log = createDayLog();
    log.put(
      TENANT,
      'calls',
      callFact({ call_id: 'C1', outcome: 'blocked', ended_at: '2026-03-02T08:00:00Z' }),
    );
    log.put(
      'GM0599',
      'calls',
      callFact({ call_id: 'C1', outcome: 'blocked', ended_at: '2026-03-02T08:00:00Z' }),
    );
    expect(log.list(TENANT, 'calls')).toHaveLength(1);
    expect(log.list(TENANT, 'visits')).toHaveLength(0);
    log.forget('GM0599');
    expect(log.tenants()).toEqual([TENANT]);
  });

  it('during the day drops what ended before midnight Amsterdam', () => {
    const log = createDayLog();
    log.put(TENANT, 'visits', visitFact({ visit_id: 'yesterday', finished_at: '2026-03-01T22:59:59Z' }));
    log.put(TENANT, 'visits', visitFact({ visit_id: 'midnight', finished_at: '2026-03-01T23:00:00Z' }));
    log.put(TENANT, 'answered', {
      contact_id: 'A1',
      channel: 'email',
      team_id: null,
      received_at: '2026-02-27T08:00:00Z',
      answered_at: '2026-03-02T07:00:00Z',
    });
    log.put(TENANT, 'surveys', {
      response_id: 'R1',
      occurred_at: '2026-03-01T20:00:00Z',
      channel: 'phone',
      location_id: null,
      team_id: null,
      score: 5,
      scale: { min: 1, max: 5 },
    });
    expect(log.prune('2026-03-02T09:00:00Z')).toBe(2);
    expect(log.list(TENANT, 'visits').map((v) => v.visit_id)).toEqual(['midnight']);
    expect(log.list(TENANT, 'answered')).toHaveLength(1); // received long ago, but answered today
    expect(log.list(TENANT, 'surveys')).toHaveLength(0);
  });

  it('in the first hour of the day keeps yesterday’s last hour for the 1h window', () => {
    const log = createDayLog();
    log.put(
      TENANT,
      'calls',
      callFact({ call_id: 'C1', outcome: 'blocked', ended_at: '2026-03-01T22:40:00Z' }),
    ); // 23:40
    log.put(
      TENANT,
      'calls',
      callFact({ call_id: 'C2', outcome: 'blocked', ended_at: '2026-03-01T22:20:00Z' }),
    ); // 23:20
    log.prune('2026-03-01T23:30:00Z'); // 00:30 Amsterdam
    expect(log.list(TENANT, 'calls').map((c) => c.call_id)).toEqual(['C1']);
  });

  it('drops closed cases at midnight: their end date only counts in today', () => {
    const log = createDayLog();
    const closed = (case_id: string, end_date: string) => ({
      case_id,
      case_type_id: 'T',
      team_id: null,
      start_date: '2026-01-01',
      end_date,
      due_date: '2026-04-01',
      within_norm: true,
      lead_time_days: 10,
    });
    log.put(TENANT, 'closedCases', closed('Z1', '2026-03-01'));
    log.put(TENANT, 'closedCases', closed('Z2', '2026-03-02'));
    log.prune('2026-03-01T23:30:00Z'); // 00:30 on 2 March in Amsterdam
    expect(log.list(TENANT, 'closedCases').map((c) => c.case_id)).toEqual(['Z2']);
  });
});
