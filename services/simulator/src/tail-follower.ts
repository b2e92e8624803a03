import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * Ingest's own queue_log follower (`stuurwiel-ingest tail`) as a child process, reading the file
 * the simulated exchange writes: the lines reach ingest exactly as from a real Asterisk host.
 */
export interface TailFollower {
  /** Whether ingest has taken every line written to the file so far. */
  caughtUp(): Promise<boolean>;
  stop(): Promise<void>;
}

const savedOffset = z.looseObject({ position: z.looseObject({ offset: z.number() }) });

/** The ingest CLI next to the built ingest package. */
export function ingestCli(): string {
  const entry = createRequire(import.meta.url).resolve('@stuurwiel/ingest');
  return join(dirname(entry), 'cli', 'main.js');
}

export async function startTailFollower(options: {
  file: string;
  url: string;
  apiKey: string;
  workDir: string;
  tenant: string;
  intervalMs?: number;
  log?: (message: string) => void;
}): Promise<TailFollower> {
  const keyFile = join(options.workDir, `${options.tenant}.tail-key`);
  await writeFile(keyFile, `${options.apiKey}\n`, { mode: 0o600 });
  await chmod(keyFile, 0o600);
  const statePath = join(options.workDir, `${options.tenant}.tail-state.json`);
  const args = [
    ingestCli(),
    'tail',
    options.file,
    '--url',
    options.url,
    '--key-file',
    keyFile,
    '--state',
    statePath,
    '--interval-ms',
    String(options.intervalMs ?? 250),
    ...(options.url.startsWith('http://') ? ['--allow-insecure-http'] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const log = options.log ?? (() => {});
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n')) if (line.trim()) log(`tail ${options.tenant}: ${line.trim()}`);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async caughtUp() {
      const size = await stat(options.file).then(
        (s) => s.size,
        () => 0,
      );
      if (size === 0) return true;
      const state = await readFile(statePath, 'utf8').then(
        (text) => savedOffset.safeParse(JSON.parse(text)),
        () => undefined,
      );
      return state?.success === true && state.data.position.offset >= size;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGTERM lets the follower finish the batch in flight and save its position.
      child.kill('SIGTERM');
      await exited;
    },
  };
}
