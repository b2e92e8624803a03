import { describe, expect, it } from 'vitest';
import { freshnessKey, quietFor, quietSources } from '../../src/pages/wall/sources.js';
import { sources } from './fixtures.js';

describe('quiet sources on the wall screen', () => {
  const answer = sources([
    { system: 'telephony', vendor: 'asterisk', quiet: 601 },
    { system: 'queue_management', vendor: 'qmatic', quiet: 600 },
    { system: 'case_system', vendor: 'openzaak', quiet: 7200 },
    { system: 'appointments', vendor: 'jcc', quiet: null },
  ]);

  it('calls a source quiet once it sent nothing for more than 10 minutes, with the time of its last receipt', () => {
    expect(quietSources(answer)).toEqual([
      { id: 'case_system/openzaak', system: 'case_system', since: '2026-03-03T07:30:00.000Z' },
      { id: 'telephony/asterisk', system: 'telephony', since: '2026-03-03T09:19:59.000Z' },
    ]);
    expect(quietSources(null)).toEqual([]);
  });

  it('marks the tiles of the domain a quiet source feeds, and no other', () => {
    const quiet = quietSources(answer);
    expect(quietFor('phone', quiet).map((q) => q.id)).toEqual(['telephony/asterisk']);
    expect(quietFor('cases', quiet).map((q) => q.id)).toEqual(['case_system/openzaak']);
    expect(quietFor('counter', quiet)).toEqual([]);
  });

  it('asks again when a source’s receipt in the live picture changes, not when other figures do', () => {
    const source = (id: string, at: string) => ({
      domain: 'sources',
      scope: { id },
      now: { last_received_at: at },
    });
    const other = { domain: 'counter', scope: { id: 'centrum' }, now: { waiting: 3 } };
    const before = freshnessKey([source('telephony/asterisk', 'a'), other]);
    expect(freshnessKey([other, source('telephony/asterisk', 'a')])).toBe(before);
    expect(freshnessKey([source('telephony/asterisk', 'b'), other])).not.toBe(before);
  });
});
