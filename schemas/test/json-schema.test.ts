import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EVENT_TYPES, JSON_SCHEMA_BASE_URL, renderJsonSchemaFiles } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../json/', import.meta.url));
const STALE = 'schemas/json is stale: run `npm run schemas:export` and commit the result';

describe('published JSON Schema files', () => {
  const expected = renderJsonSchemaFiles();

  it('are exactly the generated set, with no extra or missing files', () => {
    expect(readdirSync(dir).sort(), STALE).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('%s matches the zod schemas', (name) => {
    expect(readFileSync(`${dir}${name}`, 'utf8'), STALE).toBe(expected[name]);
  });

  it('has one file per event type plus the union, the dead letter and the KPI snapshot', () => {
    const names = Object.keys(expected);
    expect(names).toHaveLength(EVENT_TYPES.length + 3);
    expect(names).toContain('kpi-snapshot.v1.json');
    expect(names).toContain('canonical-event.v1.json');
    expect(names).toContain('dead-letter.v1.json');
  });

  it('gives each document a stable $id, a title and a description', () => {
    const doc = JSON.parse(expected['visit.arrived.v1.json']!) as Record<string, unknown>;
    expect(doc).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${JSON_SCHEMA_BASE_URL}visit.arrived.json`,
      title: expect.any(String),
      description: expect.any(String),
    });
  });

  it('describes input: fields with defaults are not required', () => {
    const doc = JSON.parse(expected['visit.called.v1.json']!) as {
      properties: { payload: { required: string[] } };
    };
    expect(doc.properties.payload.required).not.toContain('recall');
  });
});
