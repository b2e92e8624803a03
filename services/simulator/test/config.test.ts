import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  bundledPath,
  ConfigError,
  loadMunicipality,
  parseMunicipality,
  referenceEvents,
} from '../src/index.js';
import { configs } from './simulate.js';

describe('municipality configuration', () => {
  it('refuses a queue that names an unknown product, with the path and the reason', async () => {
    const input = parse(await readFile(bundledPath('oosterwaarde'), 'utf8'));
    input.locations[0].queues[0].products.push('vuurwerkvergunning');
    expect(() => parseMunicipality(input, 'oosterwaarde.yaml')).toThrow(
      /locations\.0\.queues\.0\.products\.8: unknown product 'vuurwerkvergunning'/,
    );
  });

  it('refuses a field of the wrong kind, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simulator-config-'));
    const input = parse(await readFile(bundledPath('hoogmeer'), 'utf8'));
    input.counter.appointment_share = 1.5;
    input.tenant = 'Hoogmeer';
    await writeFile(join(dir, 'bad.json'), JSON.stringify(input));
    const error = await loadMunicipality(join(dir, 'bad.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/tenant: must be a CBS municipality code/);
    expect((error as Error).message).toMatch(/counter\.appointment_share: .*1/);
  });

  it('gives reference data that is valid canonical events, opening hours and closing days included', async () => {
    for (const config of Object.values(await configs())) {
      const events = referenceEvents(config, new Date('2026-03-02T07:00:00Z'));
      for (const event of events) expect(validateEvent(event).ok, JSON.stringify(event)).toBe(true);
      const types = new Set(events.map((e) => e.type));
      for (const type of [
        'tenant',
        'location',
        'queue',
        'desk',
        'product',
        'case_type',
        'norm',
        'opening_hours',
        'closing_day',
      ]) {
        expect(types, type).toContain(`reference.${type}`);
      }
    }
  });
});
