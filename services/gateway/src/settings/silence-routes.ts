import { randomUUID } from 'node:crypto';
import {
  type Silence,
  type SilenceStatus,
  silence,
  silenceListResponse,
  silenceStatus,
  silenceWithStatus,
  timestamp,
} from '@stuurwiel/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorise, changeRefusals, refusals, refuse } from '../http/refusal.js';
import { settingsInForce } from './changes.js';
import { changeFields, type SettingsRoutesOptions, settings } from './commit.js';
import { newSilenceExample, silenceExample } from './examples.js';
import { teamScopeRefusal } from './matchers.js';

const oneSilence = silenceWithStatus.meta({ example: silenceExample });
const silenceList = silenceListResponse.meta({ example: { silences: [silenceExample] } });

export const newSilence = z
  .strictObject({
    matchers: silence.shape.matchers,
    starts_at: timestamp.optional().describe('Left out: now.'),
    ends_at: silence.shape.ends_at,
    comment: silence.shape.comment,
  })
  .describe('A silence to set; its id and author are given by the gateway.')
  .meta({ example: newSilenceExample });

const silenceId = z.strictObject({ id: silence.shape.silence_id });

function statusAt(s: Silence, now: Date): SilenceStatus {
  if (Date.parse(s.ends_at) <= now.getTime()) return 'expired';
  return Date.parse(s.starts_at) > now.getTime() ? 'pending' : 'active';
}

/**
 * Silences: POST and GET /api/v1/silences, POST /api/v1/silences/:id/expire, for team leads and
 * up. A team lead limited to some teams silences only their teams' alerts.
 */
export const silenceRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, options) => {
  const s = settings(options);
  const caller = (
    request: Parameters<typeof options.principalOf>[0],
    reply: Parameters<typeof authorise>[1],
  ) => authorise(request, reply, options.principalOf, 'teamlead', 'silences');

  app.post(
    '/silences',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Silence the notifications of matching alerts for a while',
        tags: ['silences'],
        body: newSilence,
        response: { 201: oneSilence, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const teams = teamScopeRefusal(principal, request.body.matchers);
      if (teams) return refuse(reply, 403, 'matchers', teams);
      const at = s.now();
      const parsed = silence.safeParse({
        silence_id: randomUUID(),
        matchers: request.body.matchers,
        starts_at: request.body.starts_at ?? at.toISOString(),
        ends_at: request.body.ends_at,
        created_by: principal.subject,
        comment: request.body.comment,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse(reply, 400, issue?.path.join('.') || null, issue?.message ?? 'is invalid');
      }
      if (Date.parse(parsed.data.ends_at) <= at.getTime())
        return refuse(reply, 400, 'ends_at', 'must be in the future');
      const created = parsed.data;
      await s.commit(
        principal,
        { kind: 'silence', id: created.silence_id, action: 'create', before: null, after: created },
        at,
        (p) => p.publishConfig({ ...changeFields(principal, at), type: 'silence', silence: created }),
      );
      return reply.code(201).send({ ...created, status: statusAt(created, at) });
    },
  );

  app.get(
    '/silences',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Silences of the municipality (of your teams, when your access is limited to some)',
        tags: ['silences'],
        querystring: z.strictObject({ status: silenceStatus.optional() }),
        response: { 200: silenceList, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const now = s.now();
      const rows = await settingsInForce(s.db(), { tenant: principal.tenant, kind: 'silence' });
      const silences = rows
        .map((r) => silence.parse(r.value))
        .filter((v) => teamScopeRefusal(principal, v.matchers) === null)
        .map((v) => ({ ...v, status: statusAt(v, now) }))
        .filter((v) => request.query.status === undefined || v.status === request.query.status);
      return { silences };
    },
  );

  app.post(
    '/silences/:id/expire',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Expire a silence now',
        tags: ['silences'],
        params: silenceId,
        response: { 200: oneSilence, ...changeRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const [row] = await settingsInForce(s.db(), {
        tenant: principal.tenant,
        kind: 'silence',
        id: request.params.id,
      });
      if (!row) return refuse(reply, 404, 'id', 'no such silence');
      const before = silence.parse(row.value);
      const teams = teamScopeRefusal(principal, before.matchers);
      if (teams) return refuse(reply, 403, 'id', `the silence is not only your teams': it ${teams}`);
      const at = s.now();
      if (statusAt(before, at) === 'expired')
        return refuse(reply, 409, 'id', 'the silence has expired already');
      // A silence that has not begun ends now, beginning a millisecond earlier (ends_at must follow starts_at).
      const ends_at = at.toISOString();
      const starts_at =
        Date.parse(before.starts_at) < at.getTime()
          ? before.starts_at
          : new Date(at.getTime() - 1).toISOString();
      const expired = silence.parse({ ...before, starts_at, ends_at });
      await s.commit(
        principal,
        { kind: 'silence', id: expired.silence_id, action: 'expire', before, after: expired },
        at,
        (p) => p.publishConfig({ ...changeFields(principal, at), type: 'silence', silence: expired }),
      );
      return { ...expired, status: statusAt(expired, at) };
    },
  );
};
