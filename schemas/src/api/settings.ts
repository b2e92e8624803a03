import { z } from 'zod';
import { alertRule } from '../alerts.js';
import { referenceNormPayload } from '../events/reference.js';

/** GET /api/v1/norms and GET /api/v1/rules as their clients read them. */

export const normInForce = z.strictObject({
  norm: referenceNormPayload,
  source: z.strictObject({ system: z.string(), vendor: z.string() }).describe('Who set it last.'),
  set_at: z.string().describe('When the norm in force was set (its event time).'),
});
export type NormInForce = z.infer<typeof normInForce>;
export const normList = z.strictObject({ norms: z.array(normInForce) });

export const ruleInForce = z.strictObject({ rule: alertRule, changed_at: z.string() });
export type RuleInForce = z.infer<typeof ruleInForce>;
export const ruleList = z.strictObject({ rules: z.array(ruleInForce) });
