import { describe, expect, it } from 'vitest';
import { findPersonalDataInText, redactDeep, SCAN_LIMIT } from '../../src/privacy/personal-data.js';
import { redactPersonalData } from '../../src/privacy/redact.js';
import { hostileStrings } from '../hostile/strings.js';

// What each scan costs is measured by bench:hostile; these prove the scans finish (the old
// patterns took seconds on the first input and minutes on the others) and find the right thing.
describe('scanning strings built to make patterns backtrack', () => {
  it.each(hostileStrings())('finds no personal data in $name, also when redacting it', ({ name, text }) => {
    const expectedKind = name.startsWith("1 MiB of '0 6 '") ? 'phone number' : undefined;
    expect(findPersonalDataInText(text)).toBe(expectedKind);
    const redacted = redactPersonalData(text);
    expect(findPersonalDataInText(redacted)).toBeUndefined();
  });

  it("treats an 80,000 × 'a' comment ending in '@' as text without an e-mail address", () => {
    const text = `${'a'.repeat(80_000)}@`;
    expect(redactPersonalData(text)).toBe(text);
  });

  it('still finds an e-mail address, phone number and BSN behind a long run', () => {
    const run = 'a'.repeat(200_000);
    expect(redactPersonalData(`${run} jan@example.nl`)).toBe(`${run} [e-mail]`);
    expect(redactPersonalData(`${run} 06-12345678`)).toBe(`${run} [phone]`);
    expect(redactPersonalData(`${run} 111222333`)).toBe(`${run} [BSN]`);
  });

  it('scans only the first SCAN_LIMIT characters of a string before Kafka', () => {
    const text = `${'x '.repeat(SCAN_LIMIT)}jan@example.nl`;
    expect(findPersonalDataInText(text)).toBeUndefined();
  });

  it('cuts every string of a dead letter to its limit, with a marker, before redacting it', () => {
    const text = `jan@example.nl ${'a'.repeat(1024 * 1024)}`;
    const redacted = redactDeep({ comment: text }) as { comment: string };
    expect(redacted.comment.startsWith('[e-mail] aaa')).toBe(true);
    expect(redacted.comment).toMatch(/…\[cut \d+ characters\]$/);
    expect(redacted.comment.length).toBeLessThan(1100);
  });
});
