#!/usr/bin/env node
// `npm run docs:config`: renders the configuration table of the services into README.md between
// the config markers (with --write), or checks that it is up to date (without). Reads the built
// services (`@stuurwiel/<name>` resolves to their dist/), so build them first.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  type ConfigSection,
  DOCUMENTED_SERVICES,
  readConfigSection,
  renderConfigTable,
  writeConfigSection,
} from './config-docs.js';

const { values } = parseArgs({
  options: {
    write: { type: 'boolean', default: false },
    readme: { type: 'string', default: fileURLToPath(new URL('../../../README.md', import.meta.url)) },
  },
});

const sections: ConfigSection[] = [];
for (const service of DOCUMENTED_SERVICES) {
  const module: { configSchema?: unknown } = await import(`@stuurwiel/${service}`);
  if (!(module.configSchema instanceof z.ZodObject)) {
    throw new Error(`@stuurwiel/${service} does not export a zod object named configSchema`);
  }
  sections.push({ service, schema: module.configSchema });
}

const table = renderConfigTable(sections);
const readme = await readFile(values.readme, 'utf8');
if (values.write) {
  const updated = writeConfigSection(readme, table);
  if (updated !== readme) await writeFile(values.readme, updated);
  console.log(`${updated === readme ? 'unchanged' : 'updated'}: ${values.readme}`);
} else if (readConfigSection(readme) !== table) {
  console.error(`${values.readme}: configuration section is out of date; run npm run docs:config`);
  process.exitCode = 1;
}
