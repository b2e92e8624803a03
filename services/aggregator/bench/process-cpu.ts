import { readFileSync } from 'node:fs';

// Linux reports process CPU in clock ticks; USER_HZ is 100 on every platform Node supports here.
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process used so far, from /proc/<pid>/stat (fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Starts measuring a process; the result is its average CPU use since, in % of one core. */
export function startCpuMeasurement(pid: number): () => { percent_of_one_core: number; seconds: number } {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    return {
      percent_of_one_core: Number(((100 * (cpuSeconds(pid) - cpu0)) / seconds).toFixed(1)),
      seconds: Number(seconds.toFixed(1)),
    };
  };
}
