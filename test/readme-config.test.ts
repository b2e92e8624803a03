import { readFileSync } from 'node:fs';
import { configSchema as aggregator } from '@stuurwiel/aggregator';
import { configSchema as alerting } from '@stuurwiel/alerting';
import { configSchema as gateway } from '@stuurwiel/gateway';
import { configSchema as ingest } from '@stuurwiel/ingest';
import { DOCUMENTED_SERVICES, readConfigSection, renderConfigTable } from '@stuurwiel/runtime';
import { describe, expect, it } from 'vitest';

describe('README configuration section', () => {
  it('matches the services’ config schemas', () => {
    const schemas = { ingest, aggregator, alerting, gateway };
    const table = renderConfigTable(
      DOCUMENTED_SERVICES.map((service) => ({ service, schema: schemas[service] })),
    );
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readConfigSection(readme), 'README.md is out of date: run npm run docs:config').toBe(table);
  });
});
