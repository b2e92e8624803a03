import { describe, expect, it } from 'vitest';
import { quietFor, quietSources, receiptsOf } from '../../src/pages/wall/sources.js';
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

  it('takes a source that sent again since, as the live picture shows, for current without waiting for the next poll', () => {
    const receipt = (id: string, at: string | null) => ({
      domain: 'sources',
      scope: { kind: 'source', id },
      now: { last_received_at: at },
    });
    const counter = { domain: 'counter', scope: { kind: 'location', id: 'centrum' }, now: {} };
    const same = receiptsOf([receipt('telephony/asterisk', '2026-03-03T09:19:59.000Z'), counter]);
    expect(quietSources(answer, same).map((q) => q.id)).toEqual([
      'case_system/openzaak',
      'telephony/asterisk',
    ]);
    const newer = receiptsOf([receipt('telephony/asterisk', '2026-03-03T09:30:01.000Z'), counter]);
    expect(newer.size).toBe(1);
    expect(quietSources(answer, newer).map((q) => q.id)).toEqual(['case_system/openzaak']);
  });
});
