import { spawn } from 'node:child_process';
import { chmod, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTailArgs, readApiKey, runTail } from '../../src/cli/tail.js';
import { lines, readState, startReceiver, tempDir, waitFor } from './harness.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const KEY = 'swk_pbx-gm0363_abcdefghijklmnopqrstuvwxyz0123456789';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

describe('tail command line', () => {
  it('reads the options, with defaults', () => {
    expect(
      parseTailArgs(['/var/log/asterisk/queue_log', '--url', 'https://ingest.example.nl', '--key-file', 'k']),
    ).toEqual({
      ok: true,
      args: {
        file: '/var/log/asterisk/queue_log',
        url: 'https://ingest.example.nl',
        keyFile: 'k',
        batchLines: 500,
        intervalMs: 1000,
      },
    });
    expect(
      parseTailArgs([
        'f',
        '--url=http://127.0.0.1:8081',
        '--allow-insecure-http',
        '--key-file=k',
        '--state=s',
        '--batch-lines=20',
        '--interval-ms',
        '250',
      ]),
    ).toMatchObject({ ok: true, args: { state: 's', batchLines: 20, intervalMs: 250 } });
  });

  it('names the flag in every error', () => {
    const message = (args: string[]) => {
      const r = parseTailArgs(args);
      return r.ok ? '' : r.message;
    };
    expect(message(['--url', 'https://x.nl', '--key-file', 'k'])).toBe(
      'FILE: the queue_log to follow is required',
    );
    expect(message(['f', '--key-file', 'k'])).toBe('--url: is required');
    expect(message(['f', '--url', 'ftp://x.nl', '--key-file', 'k', '--allow-insecure-http'])).toBe(
      '--url: must be an http:// or https:// URL',
    );
    expect(message(['f', '--url', 'http://ingest.example.nl', '--key-file', 'k'])).toBe(
      '--url: must be an https:// URL (http only with --allow-insecure-http, for tests and local development)',
    );
    expect(message(['f', '--url', 'https://x.nl'])).toBe(
      '--key-file: is required (a file holding the API key)',
    );
    expect(message(['f', '--url', 'https://x.nl', '--key-file', 'k', '--batch-lines', '9000'])).toBe(
      '--batch-lines: must be at most 5000',
    );
    expect(message(['f', '--url', 'https://x.nl', '--key-file', 'k', '--interval-ms', 'soon'])).toBe(
      '--interval-ms: must be a whole number from 10 to 60000',
    );
    expect(message(['f', '--url', 'https://x.nl', '--key', KEY])).toMatch(
      /^--key-file: give the API key in a file/,
    );
    expect(message(['f', 'g', '--url', 'https://x.nl', '--key-file', 'k'])).toBe(
      'FILE: one queue_log at a time, got 2',
    );
    expect(message(['f', '--bogus'])).toMatch(/Unknown option '--bogus'/);
  });

  it('reads the key from its file and warns when others can read it', async () => {
    const keyFile = join(dir, 'key');
    await writeFile(keyFile, `${KEY}\n`, { mode: 0o600 });
    expect(await readApiKey(keyFile)).toEqual({ key: KEY });
    await chmod(keyFile, 0o644);
    expect((await readApiKey(keyFile)).warning).toMatch(/can be read by other users/);
    await writeFile(keyFile, '  \n');
    await expect(readApiKey(keyFile)).rejects.toThrow(/--key-file: .* is empty/);
    await expect(readApiKey(join(dir, 'missing'))).rejects.toThrow(/--key-file: cannot read .*ENOENT/);
    expect(
      await runTail([
        join(dir, 'queue_log'),
        '--url',
        'http://127.0.0.1:1',
        '--key-file',
        join(dir, 'missing'),
      ]),
    ).toBe(2);
  });

  it('on SIGTERM finishes the batch in flight, saves the position and exits 0', async () => {
    const server = await startReceiver(() => ({ status: 202, delayMs: 400 }));
    const file = join(dir, 'queue_log');
    const statePath = join(dir, 'state.json');
    const keyFile = join(dir, 'key');
    await writeFile(keyFile, KEY, { mode: 0o600 });
    await writeFile(
      file,
      lines('t', 3)
        .map((l) => `${l}\n`)
        .join(''),
    );
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        'tail',
        file,
        '--url',
        server.url,
        '--allow-insecure-http',
        '--key-file',
        keyFile,
        '--state',
        statePath,
        '--interval-ms',
        '20',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor('the request in flight', () => server.requests.length === 1, 20_000);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await server.close();
    }
    expect(stderr).toContain('SIGTERM: finishing the batch in flight');
    expect(stderr).toContain('stopped; position saved');
    expect(stderr).not.toContain(KEY);
    expect(server.delivered).toEqual(lines('t', 3));
    const state = await readState(statePath);
    expect(state.position.offset).toBe((await stat(file)).size);
  }, 30_000);
});
