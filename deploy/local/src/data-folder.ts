import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process: emptied first with `reset`, refused while another
 * `npm start` that is still running holds it (two brokers on one Kafka log would corrupt it).
 * Returns the release to call at the stop.
 */
export function claimDataFolder(dir: string, options: { reset: boolean }): () => void {
  const lock = `${dir}/start.pid`;
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && running(pid))
      throw new Error(`${dir} is in use by npm start (process ${pid}); stop that one first`);
  }
  if (options.reset) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(lock, `${process.pid}\n`);
  return () => rmSync(lock, { force: true });
}
