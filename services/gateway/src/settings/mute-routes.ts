import { randomUUID } from 'node:crypto';
import { alertingConfigMessage, mute, muteListResponse } from '@stuurwiel/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorise, changeRefusals, lookupRefusals, refusals, refuse } from '../http/refusal.js';
import { settingsInForce } from './changes.js';
import { changeFields, type SettingsRoutesOptions, settings } from './commit.js';
import { muteExample, newMuteExample } from './examples.js';
import { teamScopeRefusal } from './matchers.js';

export const newMute = z
  .strictObject({ matchers: mute.shape.matchers, when: mute.shape.when })
  .describe('A mute to set; its id and author are given by the gateway.')
  .meta({ example: newMuteExample });

const oneMute = mute.meta({ example: muteExample });
const muteList = muteListResponse.meta({ example: { mutes: [muteExample] } });

/**
 * Mutes: GET, POST /api/v1/mutes and DELETE /api/v1/mutes/:id, for team leads and up. A team lead
 * limited to some teams mutes only their teams' alerts.
 */
export const muteRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, options) => {
  const s = settings(options);
  const caller = (
    request: Parameters<typeof options.principalOf>[0],
    reply: Parameters<typeof authorise>[1],
  ) => authorise(request, reply, options.principalOf, 'teamlead', 'mutes');

  app.get(
    '/mutes',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      schema: {
        summary: 'Mutes of the municipality (of your teams, when your access is limited to some)',
        tags: ['mutes'],
        response: { 200: muteList, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const rows = await settingsInForce(s.db(), { tenant: principal.tenant, kind: 'mute' });
      const mutes = rows.map((r) => mute.parse(r.value));
      return { mutes: mutes.filter((m) => teamScopeRefusal(principal, m.matchers) === null) };
    },
  );

  app.post(
    '/mutes',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Mute matching alerts at times they mean nothing (outside opening hours)',
        tags: ['mutes'],
        body: newMute,
        response: { 201: oneMute, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const teams = teamScopeRefusal(principal, request.body.matchers);
      if (teams) return refuse(reply, 403, 'matchers', teams);
      const at = s.now();
      const created = mute.parse({ mute_id: randomUUID(), ...request.body, created_by: principal.subject });
      await s.commit(
        principal,
        { kind: 'mute', id: created.mute_id, action: 'create', before: null, after: created },
        at,
        (p) => p.publishConfig({ ...changeFields(principal, at), type: 'mute', mute: created }),
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/mutes/:id',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Delete a mute',
        tags: ['mutes'],
        params: z.strictObject({ id: mute.shape.mute_id }),
        response: { 204: z.null().describe('Deleted.'), ...lookupRefusals, 409: changeRefusals[409] },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const [row] = await settingsInForce(s.db(), {
        tenant: principal.tenant,
        kind: 'mute',
        id: request.params.id,
      });
      if (!row) return refuse(reply, 404, 'id', 'no such mute');
      const before = mute.parse(row.value);
      const teams = teamScopeRefusal(principal, before.matchers);
      if (teams) return refuse(reply, 403, 'id', `the mute is not only your teams': it ${teams}`);
      const at = s.now();
      const message = alertingConfigMessage.parse({
        ...changeFields(principal, at),
        type: 'mute',
        mute: before,
      });
      await s.commit(
        principal,
        { kind: 'mute', id: before.mute_id, action: 'delete', before, after: null },
        at,
        (p) => p.deleteConfig(message),
      );
      return reply.code(204).send(null);
    },
  );
};
