import { validateRule } from '@stuurwiel/alerting/validate';
import {
  type AlertRule,
  alertingConfigMessage,
  alertRule,
  ruleList as ruleListShape,
} from '@stuurwiel/schemas';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import {
  authorise,
  changeRefusals,
  lookupRefusals,
  reasonIssues,
  refusal,
  refusals,
  refuse,
} from '../http/refusal.js';
import { filterValue } from '../tables/statement.js';
import { settingsInForce } from './changes.js';
import { changeFields, type SettingsRoutesOptions, settings } from './commit.js';
import { forecastRuleExample, thresholdRuleExample } from './examples.js';
import { normSource } from './norm-source.js';
import { normsInForce } from './norms.js';

const ruleId = z.strictObject({ id: filterValue.describe('The rule_id.') });

const oneRule = alertRule.meta({ example: thresholdRuleExample });
const ruleList = ruleListShape.meta({
  example: {
    rules: [
      { rule: thresholdRuleExample, changed_at: '2026-02-16T09:12:00.000Z' },
      { rule: forecastRuleExample, changed_at: '2026-02-20T14:40:00.000Z' },
    ],
  },
});

/**
 * Alert rules: GET, POST /api/v1/rules, GET, PUT, DELETE /api/v1/rules/:id, for managers and up.
 * A rule is checked by zod and by alerting's own validateRule against the norms in force (an
 * impossible rule, such as a negative threshold, an unknown metric or a forecast horizon not
 * shorter than the wait norm, gets 400 naming the field), then handed to alerting on
 * alerting.config.v1; a delete is a tombstone.
 */
export const ruleRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, options) => {
  const s = settings(options);
  const caller = (request: Parameters<typeof options.principalOf>[0], reply: FastifyReply) =>
    authorise(request, reply, options.principalOf, 'manager', 'rules');

  async function current(principal: Principal, id: string) {
    const [row] = await settingsInForce(s.db(), { tenant: principal.tenant, kind: 'rule', id });
    return row ? alertRule.parse(row.value) : undefined;
  }

  /** The rule if it is possible; else the 400 naming each field has been sent. */
  async function possible(principal: Principal, rule: AlertRule, reply: FastifyReply) {
    const norms = (await normsInForce(s.db(), { tenant: principal.tenant })).map((n) => n.norm);
    const verdict = validateRule(rule, normSource(norms));
    if (verdict.ok) return verdict.rule;
    await reply.code(400).send(refusal(400, reasonIssues(verdict.reasons)));
    return null;
  }

  async function write(principal: Principal, rule: AlertRule, before: AlertRule | null) {
    const at = s.now();
    await s.commit(
      principal,
      { kind: 'rule', id: rule.rule_id, action: before ? 'change' : 'create', before, after: rule },
      at,
      (p) => p.publishConfig({ ...changeFields(principal, at), type: 'rule', rule }),
    );
  }

  app.get(
    '/rules',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      schema: {
        summary: 'Alert rules of the municipality',
        description:
          'The rules in force as this API last wrote them to alerting.config.v1 (read from the change log, since a compacted topic cannot be queried), each with when it last changed.',
        tags: ['rules'],
        response: { 200: ruleList, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const rows = await settingsInForce(s.db(), { tenant: principal.tenant, kind: 'rule' });
      return { rules: rows.map((r) => ({ rule: alertRule.parse(r.value), changed_at: r.at })) };
    },
  );

  app.get(
    '/rules/:id',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'One alert rule',
        tags: ['rules'],
        params: ruleId,
        response: { 200: oneRule, ...lookupRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const rule = await current(principal, request.params.id);
      return rule ?? refuse(reply, 404, 'id', 'no such rule');
    },
  );

  app.post(
    '/rules',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Create an alert rule',
        tags: ['rules'],
        body: oneRule,
        response: { 201: oneRule, ...changeRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      if (await current(principal, request.body.rule_id))
        return refuse(reply, 409, 'rule_id', 'a rule with this id exists; change it with PUT');
      const rule = await possible(principal, request.body, reply);
      if (!rule) return reply;
      await write(principal, rule, null);
      return reply.code(201).send(rule);
    },
  );

  app.put(
    '/rules/:id',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Change an alert rule',
        tags: ['rules'],
        params: ruleId,
        body: oneRule,
        response: { 200: oneRule, ...changeRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      if (request.body.rule_id !== request.params.id)
        return refuse(reply, 400, 'rule_id', 'must equal the id in the path');
      const before = await current(principal, request.params.id);
      if (!before) return refuse(reply, 404, 'id', 'no such rule; create it with POST');
      const rule = await possible(principal, request.body, reply);
      if (!rule) return reply;
      await write(principal, rule, before);
      return rule;
    },
  );

  app.delete(
    '/rules/:id',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Delete an alert rule',
        tags: ['rules'],
        params: ruleId,
        response: { 204: z.null().describe('Deleted.'), ...lookupRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const before = await current(principal, request.params.id);
      if (!before) return refuse(reply, 404, 'id', 'no such rule');
      const at = s.now();
      const message = alertingConfigMessage.parse({
        ...changeFields(principal, at),
        type: 'rule',
        rule: before,
      });
      await s.commit(
        principal,
        { kind: 'rule', id: before.rule_id, action: 'delete', before, after: null },
        at,
        (p) => p.deleteConfig(message),
      );
      return reply.code(204).send(null);
    },
  );
};
