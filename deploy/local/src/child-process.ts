import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the exit code, or null when killed by a signal. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once, as a crash would. */
  kill(): Promise<void>;
}

/** Starts a long-running program with its output appended to a log file. */
export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
): ManagedProcess {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      log.end();
      resolve(code);
    });
    child.on('error', (error) => {
      log.write(`failed to start ${command}: ${error.message}\n`);
      resolve(-1);
    });
  });
  const signal = async (sig: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    name,
    pid: child.pid ?? -1,
    logFile: options.logFile,
    exited,
    stop: (graceMs = 15_000) => signal('SIGTERM', graceMs),
    kill: () => signal('SIGKILL', 0),
  };
}

/** Polls until `probe` resolves, failing with the log file named when time runs out. */
export async function waitUntil(
  what: string,
  probe: () => Promise<unknown>,
  options: { timeoutMs: number; logFile?: string; exited?: Promise<number | null> },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let gone = false;
  void options.exited?.then(() => {
    gone = true;
  });
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (gone) break;
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const why = gone ? 'the process exited' : `not ready after ${options.timeoutMs} ms`;
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  const log = options.logFile ? `; see ${options.logFile}` : '';
  throw new Error(`${what}: ${why}${detail}${log}`);
}
