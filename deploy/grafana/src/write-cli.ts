import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashboardJson, dashboards } from './index.js';

/** `npm run dashboards`: writes every generated dashboard, and removes files no longer generated. */
const folder = fileURLToPath(new URL('../dashboards/', import.meta.url));
const generated = dashboards();
for (const file of await readdir(folder)) {
  if (file.endsWith('.json') && !(file in generated)) await rm(join(folder, file));
}
for (const [file, dashboard] of Object.entries(generated)) {
  await writeFile(join(folder, file), dashboardJson(dashboard));
  console.log(`wrote deploy/grafana/dashboards/${file}`);
}
