import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/cli-options.js';
import { credentialsOptions, runOptions } from '../src/index.js';

describe('simulator command line', () => {
  it('reads a run with speed, scenarios and a simulated duration', () => {
    const parsed = parseOptions(runOptions, [
      '--ingest-url',
      'http://127.0.0.1:8080',
      '--secrets',
      's.json',
      '--speed',
      '60',
      '--scenario',
      'desk-closure,phone-silent',
      '--scenario',
      'sick-day',
      '--duration',
      '8h',
      '--municipality',
      'hoogmeer',
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: expect.objectContaining({
        speed: 60,
        scenario: ['desk-closure', 'phone-silent', 'sick-day'],
        duration: 8 * 3_600_000,
        municipality: ['hoogmeer'],
        zgwPort: 8790,
      }),
    });
  });

  it('takes all for every scenario', () => {
    const parsed = parseOptions(runOptions, [
      '--ingest-url',
      'http://x:1',
      '--secrets',
      's',
      '--scenario',
      'all',
    ]);
    expect(parsed.ok && parsed.options.scenario).toEqual(['desk-closure', 'sick-day', 'phone-silent']);
  });

  it('names the flag and the reason of each bad option', () => {
    const parsed = parseOptions(runOptions, [
      '--ingest-url',
      'ftp://x',
      '--speed',
      '0',
      '--scenario',
      'earthquake',
      '--duration',
      'a while',
    ]);
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? '' : parsed.message;
    expect(message).toMatch(/--ingest-url: must be an http\(s\) URL/);
    expect(message).toMatch(/--secrets: is required/);
    expect(message).toMatch(/--speed: must be above 0/);
    expect(message).toMatch(/--scenario: .*desk-closure/);
    expect(message).toMatch(/--duration: must be a number with m, h or d/);
  });

  it('refuses an option of the other command', () => {
    const parsed = parseOptions(credentialsOptions, [
      '--out-credentials',
      'a',
      '--out-secrets',
      'b',
      '--speed',
      '60',
    ]);
    expect(parsed).toEqual({ ok: false, message: '--speed: not an option of this command' });
  });
});
