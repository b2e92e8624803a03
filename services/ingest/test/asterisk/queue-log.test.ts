import { validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { queueLogOptionsSchema, translateQueueLog } from '../../src/adapters/asterisk/index.js';
import type { TranslatedRecord } from '../../src/adapters/types.js';
import { findPersonalData } from '../../src/privacy/personal-data.js';

import { CALLER_0612345678, ctx, EXPECTED, event, FIXTURE, LINES, options } from './fixtures/expected.js';

describe('translateQueueLog', () => {
  const records = translateQueueLog(FIXTURE, ctx, options);

  it('translates the fixture into exactly the expected records', () => {
    expect(records).toEqual(EXPECTED);
  });

  it('makes only events that pass the canonical schema and carry no clear personal data', () => {
    const events = records.flatMap((r) => r.events);
    expect(events).toHaveLength(25);
    for (const e of events) {
      expect(validateEvent(e), JSON.stringify(e)).toMatchObject({ ok: true });
      expect(findPersonalData(e)).toEqual([]);
    }
  });

  it('never lets a caller number, agent name or agent channel through', () => {
    const json = JSON.stringify(records.flatMap((r) => r.events));
    for (const clear of [
      '0612345678',
      '612345678',
      '+31201234567',
      '201234567',
      '0201112233',
      '0687654321',
      'anonymous',
      'Jan Jansen',
      'jan jansen',
      'SIP/1001',
      'PJSIP/1002',
      'VoiceMail@',
    ]) {
      expect(json, clear).not.toContain(clear);
    }
    expect(json).not.toMatch(/sip\//i);
  });

  it('gives the same ids for the same lines, however they are batched', () => {
    const again = translateQueueLog(FIXTURE, ctx, options);
    expect(again).toEqual(records);
    const answered = translateQueueLog(LINES[7]!, ctx, options);
    expect(answered[0]!.events[0]!.event_id).toBe('9334e77b-7569-50e5-9083-60d70c69afe5');
    const ids = records.flatMap((r) => r.events.map((e) => e.event_id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers a call once, also when it enters a second queue', () => {
    const text = [
      '1772440000|1772440000.1|kcc-burgerzaken|NONE|ENTERQUEUE||0612345678|1',
      '1772440100|1772440000.1|kcc-belastingen|NONE|ENTERQUEUE||0612345678|1',
    ].join('\n');
    const [first, second] = translateQueueLog(text, ctx, options) as [TranslatedRecord, TranslatedRecord];
    expect(first.events[0]!.type).toBe('call.offered');
    expect(second.events[0]!.type).toBe('call.offered');
    expect(second.events[0]!.event_id).toBe(first.events[0]!.event_id);
    expect(second.events[1]!.event_id).not.toBe(first.events[1]!.event_id);
  });

  it("offers on the DID line when offeredFrom is 'did'", () => {
    const text = [
      '1772440000|1772440000.7|NONE|NONE|DID|14020|0612345678',
      '1772440020|1772440000.7|kcc-burgerzaken|NONE|ENTERQUEUE||0612345678|1',
    ].join('\n');
    expect(translateQueueLog(text, ctx, { offeredFrom: 'did' })).toEqual([
      {
        index: 0,
        original: '1772440000|1772440000.7|NONE|NONE|DID|14020|0612345678',
        errors: [],
        events: [
          event('a8b655c7-af25-5015-9311-6497d06eb3ae', '2026-03-02T08:26:40Z', 'call.offered', {
            call_id: '1772440000.7',
            line: '14020',
            caller_key: CALLER_0612345678,
          }),
        ],
      },
      {
        index: 1,
        original: '1772440020|1772440000.7|kcc-burgerzaken|NONE|ENTERQUEUE||0612345678|1',
        errors: [],
        events: [
          event('5de951c3-95aa-5cad-a5d5-60531484de4e', '2026-03-02T08:27:00Z', 'call.queued', {
            call_id: '1772440000.7',
            queue_id: 'kcc-burgerzaken',
          }),
        ],
      },
    ]);
  });

  it('skips blank lines, numbers records by line, and accepts CRLF', () => {
    const records = translateQueueLog('\r\n  \n1772440000|1772440000.9|q|NONE|ABANDON|1|1|3\r\n', ctx, {});
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ index: 2, original: '1772440000|1772440000.9|q|NONE|ABANDON|1|1|3' });
    expect(records[0]!.events[0]!.payload).toEqual({
      call_id: '1772440000.9',
      stage: 'queue',
      queue_id: 'q',
      wait_seconds: 3,
    });
  });

  it('keeps phone numbers out of transfer destinations, and reads the older TRANSFER and LINK forms', () => {
    const text = [
      '1772440000|1772440000.2|q|SIP/1001|TRANSFER|0612345678|from-internal|3|40',
      '1772440001|1772440000.3|q|SIP/1001|ATTENDEDTRANSFER|LINK|SIP/1001-0001|SIP/1003-0002|3|41|1',
      '1772440002|1772440000.4|q|SIP/1001|ATTENDEDTRANSFER|BRIDGE|9f0c-11aa|3|42|1',
      '1772440003|1772440000.5|q|SIP/1001|ATTENDEDTRANSFER|THREEWAY|x|3|43|1',
    ].join('\n');
    const records = translateQueueLog(text, ctx, {});
    expect(records.map((r) => r.events.map((e) => e.payload))).toEqual([
      [
        {
          call_id: '1772440000.2',
          from_queue_id: 'q',
          to: { kind: 'external', id: 'external-number@from-internal' },
        },
        {
          call_id: '1772440000.2',
          talk_seconds: 40,
          hold_seconds: 0,
          after_call_work_seconds: 0,
          ended_by: 'agent',
        },
      ],
      [
        { call_id: '1772440000.3', from_queue_id: 'q', to: { kind: 'external', id: 'attended-link' } },
        {
          call_id: '1772440000.3',
          talk_seconds: 41,
          hold_seconds: 0,
          after_call_work_seconds: 0,
          ended_by: 'agent',
        },
      ],
      [
        { call_id: '1772440000.4', from_queue_id: 'q', to: { kind: 'external', id: 'attended-bridge' } },
        {
          call_id: '1772440000.4',
          talk_seconds: 42,
          hold_seconds: 0,
          after_call_work_seconds: 0,
          ended_by: 'agent',
        },
      ],
      [],
    ]);
    expect(records[3]!.errors).toEqual([
      { path: 'line.data.method', reason: 'must be BRIDGE, APP or LINK, got 8 characters (letters)' },
    ]);
    expect(JSON.stringify(records.flatMap((r) => r.events))).not.toMatch(/0612345678|SIP\//);
  });

  it('rejects a call event without a call or a queue', () => {
    const records = translateQueueLog(
      ['1772440000|NONE|q|NONE|ABANDON|1|1|3', '1772440000|1772440000.1|NONE|NONE|ABANDON|1|1|3'].join('\n'),
      ctx,
      {},
    );
    expect(records.map((r) => r.errors)).toEqual([
      [{ path: 'line.callid', reason: "ABANDON needs the call's uniqueid, got NONE" }],
      [{ path: 'line.queuename', reason: 'ABANDON needs the queue name, got NONE' }],
    ]);
  });

  it('has an options schema with the documented defaults', () => {
    expect(queueLogOptionsSchema.parse({})).toEqual({
      defaultLine: '14+',
      offeredFrom: 'enterqueue',
      queueMap: {},
    });
    expect(queueLogOptionsSchema.safeParse({ defaultLine: '' }).success).toBe(false);
  });
});
