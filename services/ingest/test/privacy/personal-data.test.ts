import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  findPersonalDataInText,
  passesElevenTest,
  redactDeep,
} from '../../src/privacy/personal-data.js';

describe('finding clear personal data', () => {
  it.each([
    ['jan.jansen@example.nl', 'e-mail address'],
    ['bel mij op 06-12345678 aub', 'phone number'],
    ['+31 6 1234 5678', 'phone number'],
    ['020 624 1111', 'phone number'],
    ['0031201234567', 'phone number'],
    ['bsn 111222333', 'BSN'],
    ['bsn 111 222 333', 'BSN'],
    ['bsn 1112.22.333', 'BSN'],
    ['31612345678', 'phone number'],
    ['+4915112345678', 'phone number'],
    ['0031 6 12345678', 'phone number'],
    ['0049 151 12345678', 'phone number'],
    ['NL91ABNA0417164300', 'IBAN'],
    ['rekening nl91 abna 0417 1643 00', 'IBAN'],
    ['DE89 3704 0044 0532 0130 00', 'IBAN'],
    ['(020) 6241111', 'phone number'],
    ['+31 (0)6 1234 5678', 'phone number'],
    ['tel0612345678', 'phone number'],
  ])('sees %j as a %s', (text, kind) => {
    expect(findPersonalDataInText(text)).toBe(kind);
  });

  it.each([
    'stadsloket-centrum',
    '14020',
    'V-81234',
    '123456789',
    'a1b2c3d4e5f60718a1b2c3d4e5f60718',
    '2026-03-02T09:00:00+01:00',
    '8e6f0a1b-0612-4345-9123-456789012345',
    'NL91ABNA1417164300',
    'GM0363ABCDEFGHIJKLM',
    'zaak 3d9f1c2a-8b4e-4f6a-9c1d-061234567891 is open',
    '0000081234',
    'ZAAK-2026-0000001234',
    'ticket 0012345678',
    '(0012345678)',
    '',
  ])('leaves %j alone', (text) => {
    expect(findPersonalDataInText(text)).toBeUndefined();
  });

  it('applies the eleven test that every BSN passes', () => {
    expect(passesElevenTest('111222333')).toBe(true);
    expect(passesElevenTest('123456782')).toBe(true);
    expect(passesElevenTest('123456789')).toBe(false);
    expect(passesElevenTest('000000000')).toBe(false);
  });

  it('names the path of each finding and skips person keys and the dialled line of call.offered', () => {
    const payload = {
      line: '0201234567',
      caller_key: '3f9a1c0d7e2b4a65',
      notes: ['ok', 'mail jan@example.nl'],
    };
    expect(findPersonalData({ type: 'call.offered', payload })).toEqual([
      { path: 'payload.notes.1', kind: 'e-mail address' },
    ]);
  });

  it('sees a phone number under payload.line of any other event', () => {
    expect(findPersonalData({ type: 'visit.called', payload: { line: '0201234567' } })).toEqual([
      { path: 'payload.line', kind: 'phone number' },
    ]);
  });
});

describe('finding personal data sent as JSON numbers', () => {
  it('reads whole numbers as the digits a supplier meant', () => {
    expect(
      findPersonalData({ bsn: 111222333, mobile: 612345678, intl: 31612345678, wait: 42, pop: 872_000 }),
    ).toEqual([
      { path: 'bsn', kind: 'BSN' },
      { path: 'mobile', kind: 'phone number' },
      { path: 'intl', kind: 'phone number' },
    ]);
  });

  it('looks at the whole envelope, not the payload alone', () => {
    expect(
      findPersonalData({
        source: { system: 'survey', vendor: 'kto', instance: 'jan@example.nl' },
        payload: {},
      }),
    ).toEqual([{ path: 'source.instance', kind: 'e-mail address' }]);
  });
});

describe('redacting personal data', () => {
  it('replaces each kind with a marker and keeps the rest', () => {
    expect(redactDeep('mail jan@example.nl of bel 06-12345678, bsn 111222333, ticket A12')).toBe(
      'mail [e-mail] of bel [phone], bsn [BSN], ticket A12',
    );
  });

  it('leaves machine ids that merely look like numbers intact', () => {
    const id = '8e6f0a1b-0612-4345-9123-456789012345';
    expect(redactDeep({ event_id: id, note: 'bel 0612345678' })).toEqual({
      event_id: id,
      note: 'bel [phone]',
    });
  });

  it('redacts inside nested input without touching numbers and ids', () => {
    expect(redactDeep({ a: ['06 12 34 56 78'], b: { c: 'x@y.nl' }, n: 123456789, id: 'V-1' })).toEqual({
      a: ['[phone]'],
      b: { c: '[e-mail]' },
      n: 123456789,
      id: 'V-1',
    });
  });
});
