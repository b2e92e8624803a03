import { EVENT_TYPES, validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { validEvents } from './fixtures/valid-events.js';

describe('valid samples', () => {
  it('cover every event type exactly once', () => {
    expect(Object.keys(validEvents).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(EVENT_TYPES)('%s passes validation', (type) => {
    const sample = validEvents[type];
    const result = validateEvent(sample);
    expect(result).toEqual({ ok: true, event: expect.objectContaining({ type, tenant: 'GM0363' }) });
  });

  it('fills defaults that connectors may leave out', () => {
    const result = validateEvent(validEvents['visit.called']);
    expect(result.ok && result.event.type === 'visit.called' && result.event.payload.recall).toBe(false);
    const status = validateEvent(validEvents['case.status_changed']);
    expect(status.ok && status.event.type === 'case.status_changed' && status.event.payload.is_final).toBe(
      false,
    );
  });

  it('accepts UTC timestamps written with Z', () => {
    expect(validateEvent({ ...validEvents['call.queued'], occurred_at: '2026-03-02T10:00:20.123Z' }).ok).toBe(
      true,
    );
  });

  it('accepts an envelope that names the source instance', () => {
    const sample = {
      ...validEvents['desk.closed'],
      source: { system: 'queue_management', vendor: 'qmatic', instance: 'zuid' },
    };
    expect(validateEvent(sample).ok).toBe(true);
  });
});
