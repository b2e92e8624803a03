import { readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dashboardJson, dashboards } from './index.js';

/** `npm run dashboards`: writes every generated dashboard, and removes files no longer generated. */
const folder = fileURLToPath(new URL('../dashboards/', import.meta.url));
const generated = dashboards();
for (const file of await readdir(folder)) {
  if (file.endsWith('.json') && !(file in generated)) await rm(new URL(file, `file://${folder}`));
}
for (const [file, dashboard] of Object.entries(generated)) {
  await writeFile(`${folder}${file}`, dashboardJson(dashboard));
  console.log(`wrote deploy/grafana/dashboards/${file}`);
}
