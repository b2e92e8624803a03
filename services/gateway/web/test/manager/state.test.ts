import { describe, expect, it } from 'vitest';
import { parseState, stateSearch } from '../../src/pages/manager/state.js';

describe('the manager views’ state in the URL', () => {
  it('reads level, period, filters, groupings and granularity, and writes them back the same', () => {
    const search =
      '?kpi=counter_visits&view=detail&from=2026-04-22&to=2026-04-28&granularity=week&group_by=location,weekday&location=centrum&product=paspoort';
    const state = parseState(search);
    expect(state).toEqual({
      kpi: 'counter_visits',
      view: 'detail',
      from: '2026-04-22',
      to: '2026-04-28',
      granularity: 'week',
      groupBy: ['location', 'weekday'],
      filters: { location: 'centrum', product: 'paspoort' },
    });
    expect(parseState(stateSearch(state))).toEqual(state);
  });

  it('drops what it does not know instead of sending it on: unknown groupings, bad dates, other views', () => {
    const state = parseState(
      '?view=nonsense&from=28-04-2026&granularity=fortnight&group_by=location,colour,location',
    );
    expect(state).toMatchObject({ view: 'overview', from: null, granularity: 'day', groupBy: ['location'] });
  });

  it('keeps the language asked for and leaves defaults out', () => {
    const state = parseState('?kpi=phone_calls');
    expect(stateSearch(state, 'en')).toBe('?kpi=phone_calls&lang=en');
    expect(stateSearch({ ...state, kpi: null, view: 'settings' })).toBe('?view=settings');
  });
});
