import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const LOCK = 'start.pid';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file, or says which live process holds it; a lock of a process gone is taken over. */
function lock(file: string, dir: string): void {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && running(pid))
    throw new Error(`${dir} is in use by npm start (process ${pid}); stop that one first`);
  writeFileSync(file, `${process.pid}\n`);
}

/**
 * Takes the data folder for this process: refused while another `npm start` that is still
 * running holds it (two brokers on one Kafka log would corrupt it), then emptied with `reset`.
 * The lock is taken before emptying, so a second start cannot move in while the first empties.
 * Returns the release to call at the stop.
 */
export function claimDataFolder(dir: string, options: { reset: boolean }): () => void {
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/${LOCK}`;
  lock(file, dir);
  if (options.reset) {
    for (const entry of readdirSync(dir)) {
      if (entry !== LOCK) rmSync(`${dir}/${entry}`, { recursive: true, force: true });
    }
  }
  return () => rmSync(file, { force: true });
}
