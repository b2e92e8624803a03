import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderJsonSchemaFiles } from './json-schema.js';

// Runs from dist/; the published files live beside it in schemas/json/.
const dir = fileURLToPath(new URL('../json/', import.meta.url));
const files = renderJsonSchemaFiles();

mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir)) {
  if (!(name in files)) rmSync(`${dir}${name}`, { recursive: true });
}
for (const [name, text] of Object.entries(files)) writeFileSync(`${dir}${name}`, text);
console.log(`wrote ${Object.keys(files).length} JSON Schema files to ${dir}`);
