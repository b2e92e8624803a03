import { timestamp } from '@stuurwiel/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromBeforeTo, limitParam } from '../http/query.js';
import { authorise, refusals } from '../http/refusal.js';
import { filterValue } from '../tables/statement.js';
import { changeAction, listSettingsChanges, settingKind } from './changes.js';
import { type SettingsRoutesOptions, settings } from './commit.js';
import { changeExample } from './examples.js';

export const changesQuery = z
  .strictObject({
    kind: settingKind.optional(),
    id: filterValue.optional().describe('One rule, silence, mute, alert fingerprint or norm.'),
    from: timestamp.optional().describe('Changes at or after this instant.'),
    to: timestamp.optional().describe('Changes before this instant.'),
    limit: limitParam(1000, 200),
  })
  .refine(...fromBeforeTo);

const change = z.strictObject({
  kind: settingKind,
  id: z.string(),
  change_id: z.string(),
  action: changeAction,
  changed_by: z.string().describe('Token subject of who made the change.'),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});

const changeList = z
  .strictObject({ changes: z.array(change) })
  .meta({ example: { changes: [changeExample] } });

/** GET /api/v1/changes: the change log of rules, silences, mutes, acknowledgements and norms, for managers. */
export const changeRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, options) => {
  const s = settings(options);
  app.get(
    '/changes',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Who changed which setting when, newest first',
        tags: ['changes'],
        querystring: changesQuery,
        response: { 200: changeList, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await authorise(request, reply, options.principalOf, 'manager', 'the change log');
      if (!principal) return reply;
      return { changes: await listSettingsChanges(s.db(), { ...request.query, tenant: principal.tenant }) };
    },
  );
};
