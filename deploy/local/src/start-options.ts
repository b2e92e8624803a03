import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CACHE_DIR } from './paths.js';

/** What `npm start -- …` accepts; every problem names its option and the reason. */
const startOptions = z.strictObject({
  reset: z.boolean().default(false),
  noSimulator: z.boolean().default(false),
  speed: z.coerce
    .number({ error: 'must be a number' })
    .positive({ error: 'must be above 0' })
    .max(3600, { error: 'must be at most 3600' })
    .default(60),
  start: z.iso
    .datetime({ offset: true, error: 'must be an ISO instant such as 2026-03-03T08:00:00+01:00' })
    .optional(),
  dataDir: z.string().min(1),
});
export type StartOptions = z.output<typeof startOptions>;

export const START_USAGE = `usage: npm start [-- --reset] [--no-simulator] [--speed N] [--start ISO]
  --reset          empty the data folder first (Kafka topics, ClickHouse tables, demo clock)
  --no-simulator   no simulated municipalities and no demo clock: a real installation's services
  --speed N        demo clock: simulated seconds per wall second (default 60, at most 3600)
  --start ISO      demo clock: where the first demo day starts (default 08:00 of today or the next weekday);
                   a data folder that already has a demo clock goes on with its next working day
data folder: STUURWIEL_DATA_DIR (default .cache/local/data)`;

export class StartOptionsError extends Error {}

export function parseStartOptions(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        reset: { type: 'boolean' },
        'no-simulator': { type: 'boolean' },
        speed: { type: 'string' },
        start: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new StartOptionsError(`${(error as Error).message}\n\n${START_USAGE}`);
  }
  const parsed = startOptions.safeParse({
    reset: values.reset,
    noSimulator: values['no-simulator'],
    speed: values.speed,
    start: values.start,
    dataDir: resolve(env.STUURWIEL_DATA_DIR || `${CACHE_DIR}/local/data`),
  });
  if (!parsed.success) {
    const names: Record<string, string> = { noSimulator: '--no-simulator', dataDir: 'STUURWIEL_DATA_DIR' };
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      return `${names[key] ?? `--${key}`}: ${i.message}`;
    });
    throw new StartOptionsError(`${lines.join('\n')}\n\n${START_USAGE}`);
  }
  if (parsed.data.noSimulator && (values.speed !== undefined || values.start !== undefined))
    throw new StartOptionsError('--speed/--start: there is no demo clock with --no-simulator');
  return parsed.data;
}
