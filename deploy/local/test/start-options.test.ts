import { describe, expect, it } from 'vitest';
import { CACHE_DIR } from '../src/paths.js';
import { parseStartOptions } from '../src/start-options.js';

describe('npm start options', () => {
  it('default to the simulator at 60× on the data folder in the cache', () => {
    expect(parseStartOptions([], {})).toEqual({
      reset: false,
      noSimulator: false,
      speed: 60,
      dataDir: `${CACHE_DIR}/local/data`,
    });
  });

  it('read --reset, --no-simulator, --speed, --start and STUURWIEL_DATA_DIR', () => {
    expect(
      parseStartOptions(['--reset', '--speed', '300', '--start', '2026-03-03T08:00:00+01:00'], {
        STUURWIEL_DATA_DIR: '/srv/stuurwiel',
      }),
    ).toEqual({
      reset: true,
      noSimulator: false,
      speed: 300,
      start: '2026-03-03T08:00:00+01:00',
      dataDir: '/srv/stuurwiel',
    });
    expect(parseStartOptions(['--no-simulator'], {}).noSimulator).toBe(true);
  });

  it('name the option and the reason when one is wrong', () => {
    expect(() => parseStartOptions(['--speed', 'fast'], {})).toThrow(/^--speed: must be a number/);
    expect(() => parseStartOptions(['--speed', '7200'], {})).toThrow(/^--speed: must be at most 3600/);
    expect(() => parseStartOptions(['--start', 'monday'], {})).toThrow(/^--start: must be an ISO instant/);
    expect(() => parseStartOptions(['--frobnicate'], {})).toThrow(/Unknown option '--frobnicate'/);
    expect(() => parseStartOptions(['--no-simulator', '--speed', '60'], {})).toThrow(
      '--speed/--start: there is no demo clock with --no-simulator',
    );
  });
});
