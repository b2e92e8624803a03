import { readFileSync } from 'node:fs';
import { type AlertRule, alertRule } from '@stuurwiel/schemas';
import { parse } from 'yaml';
import { z } from 'zod';
import { type NormSource, validateRule } from './validate.js';

/**
 * The default rules every municipality starts with, from a readable YAML file
 * (services/alerting/rules/defaults.yaml). Each rule passes the zod schema and validateRule, and
 * rule ids are unique; a file that breaks any of this is refused whole, with every reason.
 */

export const DEFAULT_RULES_FILE = new URL('../../rules/defaults.yaml', import.meta.url);

const defaultRulesFile = z.strictObject({
  version: z.literal(1),
  rules: z.array(z.unknown()).min(1),
});

export class DefaultRulesError extends Error {
  constructor(
    readonly source: string,
    readonly reasons: string[],
  ) {
    super(`default rules in ${source} refused:\n- ${reasons.join('\n- ')}`);
    this.name = 'DefaultRulesError';
  }
}

/** The rules of a defaults file's text; throws DefaultRulesError naming each bad field. */
export function parseDefaultRules(text: string, source = 'defaults', norms?: NormSource): AlertRule[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new DefaultRulesError(source, [`not YAML: ${(error as Error).message}`]);
  }
  const file = defaultRulesFile.safeParse(data);
  if (!file.success) {
    throw new DefaultRulesError(
      source,
      file.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`),
    );
  }
  const reasons: string[] = [];
  const rules: AlertRule[] = [];
  const ids = new Set<string>();
  file.data.rules.forEach((raw, index) => {
    const id = alertRule.safeParse(raw).data?.rule_id;
    if (id !== undefined && ids.has(id)) reasons.push(`rules[${index}].rule_id: ${id} is used twice`);
    if (id !== undefined) ids.add(id);
    const checked = validateRule(raw, norms);
    if (checked.ok) rules.push(checked.rule);
    else reasons.push(...checked.reasons.map((r) => `rules[${index}] (${id ?? 'no id'}).${r}`));
  });
  if (reasons.length > 0) throw new DefaultRulesError(source, reasons);
  return rules;
}

/** Reads and checks the defaults file (the shipped one unless `path` is given). */
export function loadDefaultRules(path: string | URL = DEFAULT_RULES_FILE, norms?: NormSource): AlertRule[] {
  return parseDefaultRules(readFileSync(path, 'utf8'), String(path), norms);
}
