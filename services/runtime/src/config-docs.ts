import { z } from 'zod';

/** The README's generated section sits between these two lines. */
export const CONFIG_DOCS_START = '<!-- config:start -->';
export const CONFIG_DOCS_END = '<!-- config:end -->';

/** Services whose configuration the README documents, in table order. */
export const DOCUMENTED_SERVICES = ['ingest', 'aggregator', 'alerting', 'gateway'] as const;

export interface ConfigSection {
  service: string;
  schema: z.ZodObject;
}

export interface VariableDoc {
  name: string;
  required: boolean;
  /** Present when the schema supplies a default. */
  default?: { value: unknown };
  description: string;
}

/** Reads what the README says about one variable from its zod schema. */
export function describeVariable(name: string, schema: z.ZodType): VariableDoc {
  let description: string | undefined;
  let fallback: { value: unknown } | undefined;
  let current: z.ZodType | undefined = schema;
  while (current) {
    description ??= current.description;
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      fallback ??= { value: current.def.defaultValue };
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in as z.ZodType;
    } else {
      current = undefined;
    }
  }
  return {
    name,
    // Missing from the environment means undefined: required when the schema rejects that.
    required: !schema.safeParse(undefined).success,
    ...(fallback ? { default: fallback } : {}),
    description: description ?? '',
  };
}

function formatValue(value: unknown): string {
  if (value === '') return '`""`';
  const text = Array.isArray(value)
    ? value.join(',')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  return `\`${text}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** One value when all services agree, otherwise each service's value. */
function perService(values: { service: string; text: string }[]): string {
  const distinct = [...new Set(values.map((v) => v.text))];
  if (distinct.length === 1) return distinct[0] ?? '';
  return values.map((v) => `${v.text} (${v.service})`).join(', ');
}

/**
 * Renders a Markdown table of every environment variable of the given services: variable,
 * services that read it, whether it is required, its default and its description. Variables
 * appear in the order they are first met.
 */
export function renderConfigTable(sections: readonly ConfigSection[]): string {
  const rows = new Map<string, { service: string; doc: VariableDoc }[]>();
  for (const { service, schema } of sections) {
    for (const [name, field] of Object.entries(schema.shape)) {
      const list = rows.get(name) ?? [];
      list.push({ service, doc: describeVariable(name, field as z.ZodType) });
      rows.set(name, list);
    }
  }
  const lines = [
    '| Variable | Services | Required | Default | Description |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [name, uses] of rows) {
    const services = uses.map((u) => u.service).join(', ');
    const required = perService(
      uses.map((u) => ({ service: u.service, text: u.doc.required ? 'yes' : 'no' })),
    );
    const defaults = perService(
      uses.map((u) => ({ service: u.service, text: u.doc.default ? formatValue(u.doc.default.value) : '' })),
    );
    const description = perService(uses.map((u) => ({ service: u.service, text: u.doc.description })));
    lines.push(`| \`${name}\` | ${services} | ${required} | ${cell(defaults)} | ${cell(description)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function markerPositions(text: string): { start: number; end: number } {
  const start = text.indexOf(CONFIG_DOCS_START);
  const end = text.indexOf(CONFIG_DOCS_END);
  if (start < 0 || end < start) {
    throw new Error(`README has no ${CONFIG_DOCS_START} ... ${CONFIG_DOCS_END} section`);
  }
  return { start: start + CONFIG_DOCS_START.length, end };
}

/** The text between the markers, without the line breaks that frame it. */
export function readConfigSection(readme: string): string {
  const { start, end } = markerPositions(readme);
  return `${readme.slice(start, end).trim()}\n`;
}

/** The README with the text between the markers replaced by `content`. */
export function writeConfigSection(readme: string, content: string): string {
  const { start, end } = markerPositions(readme);
  return `${readme.slice(0, start)}\n${content.trim()}\n${readme.slice(end)}`;
}
