import { z } from 'zod';
import { deadLetter } from './dead-letter.js';
import { canonicalEvent, EVENT_TYPES, eventSchemas } from './event.js';
import { kpiSnapshot } from './kpi.js';

export const JSON_SCHEMA_BASE_URL = 'https://stuurwiel.nl/schemas/v1/';

function document(name: string, title: string, schema: z.ZodType): object {
  // io 'input' describes what suppliers send: fields with a default are optional there.
  const { $schema, ...body } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  const description = schema.description ?? `stuurwiel ${title}`;
  return { $schema, $id: `${JSON_SCHEMA_BASE_URL}${name}.json`, title, ...body, description };
}

/** The published JSON Schema documents, by file name. */
export function buildJsonSchemas(): Record<string, object> {
  const files: Record<string, object> = {};
  for (const type of EVENT_TYPES) {
    files[`${type}.v1.json`] = document(type, `stuurwiel event ${type} (v1)`, eventSchemas[type]);
  }
  files['canonical-event.v1.json'] = document(
    'canonical-event',
    'stuurwiel canonical event (v1)',
    canonicalEvent.meta({ description: 'Any stuurwiel canonical event, v1; `type` selects the payload.' }),
  );
  files['dead-letter.v1.json'] = document('dead-letter', 'stuurwiel dead letter (v1)', deadLetter);
  files['kpi-snapshot.v1.json'] = document(
    'kpi-snapshot',
    'stuurwiel live KPI snapshot (v1)',
    kpiSnapshot.meta({ description: 'A live KPI snapshot on topic kpi.v1, per tenant, domain and scope.' }),
  );
  return files;
}

/** The files' exact text: 2-space indent and a trailing newline. */
export function renderJsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(buildJsonSchemas()).map(([name, doc]) => [name, `${JSON.stringify(doc, null, 2)}\n`]),
  );
}
