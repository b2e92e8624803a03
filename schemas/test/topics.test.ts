import {
  ALERTS_TOPIC,
  ALL_EVENT_TOPICS,
  type CanonicalEvent,
  DEAD_LETTER_TOPIC,
  deadLetter,
  EVENT_TYPES,
  KPI_TOPIC,
  partitionKey,
  topicFor,
  validateEvent,
} from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { validEvents } from './fixtures/valid-events.js';

function parsed(type: keyof typeof validEvents): CanonicalEvent {
  const result = validateEvent(validEvents[type]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.event;
}

describe('topics', () => {
  it.each(EVENT_TYPES)('%s maps to one of the event topics', (type) => {
    expect(ALL_EVENT_TOPICS).toContain(topicFor(type));
  });

  it('routes by domain, keeping desks with visits and callbacks with calls', () => {
    expect(topicFor('visit.arrived')).toBe('events.visit.v1');
    expect(topicFor('desk.opened')).toBe('events.visit.v1');
    expect(topicFor('appointment.no_show')).toBe('events.appointment.v1');
    expect(topicFor('call.ended')).toBe('events.call.v1');
    expect(topicFor('callback.requested')).toBe('events.call.v1');
    expect(topicFor('case.extended')).toBe('events.case.v1');
    expect(topicFor('written.answered')).toBe('events.written.v1');
    expect(topicFor('survey.responded')).toBe('events.survey.v1');
    expect(topicFor('reference.norm')).toBe('events.reference.v1');
  });

  it('lists each event topic once and every one is used', () => {
    expect([...ALL_EVENT_TOPICS].sort()).toEqual([...new Set(EVENT_TYPES.map(topicFor))].sort());
    expect(ALL_EVENT_TOPICS).toHaveLength(7);
  });

  it('keeps dead letters, KPI snapshots and alerts off the event topics', () => {
    expect([DEAD_LETTER_TOPIC, KPI_TOPIC, ALERTS_TOPIC]).toEqual(['events.dlq.v1', 'kpi.v1', 'alerts.v1']);
    for (const topic of [DEAD_LETTER_TOPIC, KPI_TOPIC, ALERTS_TOPIC])
      expect(ALL_EVENT_TOPICS).not.toContain(topic);
  });
});

describe('partitionKey', () => {
  it('keys every event of a visit by tenant and visit id', () => {
    expect(partitionKey(parsed('visit.arrived'))).toBe('GM0363:V-81234');
    expect(partitionKey(parsed('visit.called'))).toBe('GM0363:V-81234');
    expect(partitionKey(parsed('visit.finished'))).toBe('GM0363:V-81234');
  });

  it.each([
    ['desk.opened', 'GM0363:balie-07'],
    ['appointment.booked', 'GM0363:A-55102'],
    ['call.answered', 'GM0363:1772445601.4711'],
    ['callback.completed', 'GM0363:TB-2026-0311'],
    ['case.closed', 'GM0363:6c1f9d52-3b8e-4a07-9e21-5d4c7a0b8f13'],
    ['written.received', 'GM0363:mail-2026-03-02-0017'],
    ['survey.responded', 'GM0363:R-99812'],
    ['reference.tenant', 'GM0363:GM0363'],
    ['reference.queue', 'GM0363:kcc-algemeen'],
    ['reference.norm', 'GM0363:kcc-30s'],
  ] as const)('keys %s as %s', (type, key) => {
    expect(partitionKey(parsed(type))).toBe(key);
  });

  it.each(EVENT_TYPES)('gives %s a key with a non-empty entity id', (type) => {
    expect(partitionKey(parsed(type))).toMatch(/^GM\d{4}:.+$/);
  });
});

describe('deadLetter', () => {
  it('accepts a rejected input with its reasons', () => {
    const input = { ...validEvents['call.answered'], tenant: 'AMS' };
    const result = validateEvent(input);
    expect(result.ok).toBe(false);
    const record = {
      original: input,
      source: { system: 'telephony', vendor: 'asterisk' },
      tenant: 'AMS',
      errors: result.ok ? [] : result.errors,
      received_at: '2026-03-02T10:00:45Z',
    };
    expect(deadLetter.safeParse(record).success).toBe(true);
  });

  it('requires at least one reason', () => {
    const record = {
      original: 'not json',
      source: { system: 'telephony', vendor: 'asterisk' },
      errors: [],
      received_at: '2026-03-02T10:00:45Z',
    };
    expect(deadLetter.safeParse(record).success).toBe(false);
  });
});
