import { deriveEventId, validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { validEvents } from './fixtures/valid-events.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deriveEventId', () => {
  it('returns a UUID v5 that is a valid event_id', () => {
    const id = deriveEventId('GM0363', 'qmatic', 'visit', 81234, 'called');
    expect(id).toMatch(UUID_V5);
    expect(validateEvent({ ...validEvents['desk.closed'], event_id: id }).ok).toBe(true);
  });

  it('is deterministic for the same source record', () => {
    expect(deriveEventId('GM0363', 'asterisk', '1772445601.4711', 'ANSWER')).toBe(
      deriveEventId('GM0363', 'asterisk', '1772445601.4711', 'ANSWER'),
    );
  });

  it('treats a numeric id and its decimal text as the same source id', () => {
    expect(deriveEventId('GM0363', 'jcc', 42)).toBe(deriveEventId('GM0363', 'jcc', '42'));
  });

  it('differs per tenant, vendor and source id', () => {
    const ids = new Set([
      deriveEventId('GM0363', 'qmatic', 'v1'),
      deriveEventId('GM0599', 'qmatic', 'v1'),
      deriveEventId('GM0363', 'jcc', 'v1'),
      deriveEventId('GM0363', 'qmatic', 'v2'),
      deriveEventId('GM0363', 'qmatic', 'v1', 'called'),
    ]);
    expect(ids.size).toBe(5);
  });

  it('does not collide when the same characters are grouped differently', () => {
    expect(deriveEventId('GM0363', 'x', 'a', 'bc')).not.toBe(deriveEventId('GM0363', 'x', 'ab', 'c'));
    expect(deriveEventId('GM0363', 'x', 'a:b')).not.toBe(deriveEventId('GM0363', 'x', 'a', 'b'));
    expect(deriveEventId('GM0363', 'x', '1:a')).not.toBe(deriveEventId('GM0363', 'x1', 'a'));
    expect(deriveEventId('GM0363', 'qm', 'atic1')).not.toBe(deriveEventId('GM0363', 'qmatic', '1'));
  });

  it('refuses to derive an id without any source identifier', () => {
    expect(() => deriveEventId('GM0363', 'qmatic')).toThrow(RangeError);
  });
});
