import { createHmac } from 'node:crypto';
import { type DeadLetter, deadLetter } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_MAX_BYTES, describeInput, serialiseDeadLetter } from '../../src/pipeline/dead-letter.js';

const letter = (original: unknown, errors = [{ path: '', reason: 'bad' }]): DeadLetter => ({
  original,
  source: { system: 'survey', vendor: 'kto' },
  tenant: 'GM0363',
  errors,
  received_at: '2026-03-02T09:00:00.000Z',
});

describe('dead letters', () => {
  it('describe a body by its length and keyed hash, never its content', () => {
    const fingerprint = (text: string) => createHmac('sha256', 'secret').update(text).digest('hex');
    const described = describeInput('Jan Jansen, 0612345678', fingerprint);
    expect(described).toEqual({ length: 22, body_hmac: fingerprint('Jan Jansen, 0612345678') });
  });

  it('keep the fields the adapter would pass, cut and redacted', () => {
    const described = describeInput({ comment: 'x' }, () => 'h', {
      comment: `bel 0612345678 ${'a'.repeat(5000)}`,
    });
    const comment = (described.fields as { comment: string }).comment;
    expect(comment.startsWith('bel [phone] aaa')).toBe(true);
    expect(comment.length).toBeLessThan(1100);
  });

  it('stay as they are within the limit', () => {
    const small = letter({ length: 10, body_hmac: 'ab' });
    expect(JSON.parse(serialiseDeadLetter(small))).toEqual(small);
  });

  it('are cut to the limit with a marker when larger, and still are dead letters', () => {
    const fields = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`f${i}`, '"'.repeat(500)]));
    const errors = Array.from({ length: 5000 }, (_, i) => ({ path: `f${i}`, reason: 'x'.repeat(1000) }));
    const text = serialiseDeadLetter(letter(fields, errors));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(DEAD_LETTER_MAX_BYTES);
    const parsed = JSON.parse(text);
    expect(deadLetter.safeParse(parsed).success).toBe(true);
    expect(parsed.original).toMatchObject({ truncated: true, errors: 5000 });
    expect(parsed.original.bytes).toBeGreaterThan(DEAD_LETTER_MAX_BYTES);
    expect(parsed.original.head.length).toBeGreaterThan(1000);
    expect(parsed.errors).toHaveLength(20);
  });

  it('stay within the limit in bytes when paths and reasons are control characters, which JSON escapes six-fold', () => {
    const control = (n: number) => '\u0001\u001f'.repeat(n / 2);
    const errors = Array.from({ length: 50 }, () => ({ path: control(1024), reason: control(4096) }));
    for (const original of [control(200_000), 'short']) {
      const text = serialiseDeadLetter(letter(original, errors));
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(DEAD_LETTER_MAX_BYTES);
      const parsed = JSON.parse(text);
      expect(deadLetter.safeParse(parsed).success).toBe(true);
      expect(parsed.original).toMatchObject({ truncated: true, errors: 50 });
      expect(parsed.errors.length).toBeGreaterThan(0);
    }
  });

  it('fill the limit with the head of a multi-byte original, never splitting a character', () => {
    const text = serialiseDeadLetter(letter('€😀'.repeat(100_000)));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(DEAD_LETTER_MAX_BYTES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(DEAD_LETTER_MAX_BYTES - 8);
    expect(JSON.parse(text).original.head).not.toMatch(/[\uD800-\uDBFF]$/);
  });
});
