import { normList as normListShape, referenceNormPayload } from '@stuurwiel/schemas';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { authorise, changeRefusals, refusals, refuse } from '../http/refusal.js';
import { type SettingsRoutesOptions, settings } from './commit.js';
import { normExample } from './examples.js';
import { type NormPayload, normEvent, normsInForce } from './norms.js';

const normId = z.strictObject({ id: referenceNormPayload.shape.norm_id });

const oneNorm = referenceNormPayload.meta({ example: normExample });
const normList = normListShape.meta({
  example: {
    norms: [
      {
        norm: normExample,
        source: { system: 'reference', vendor: 'stuurwiel' },
        set_at: '2026-03-02T08:30:00.000Z',
      },
    ],
  },
});

/**
 * Norms: GET, POST /api/v1/norms, PUT, DELETE /api/v1/norms/:id, for managers and up. A norm is
 * written as a canonical reference.norm event (source reference/stuurwiel) on events.reference.v1,
 * which the aggregator and alerting read like any source's norms.
 */
export const normRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, options) => {
  const s = settings(options);
  const caller = (request: Parameters<typeof options.principalOf>[0], reply: FastifyReply) =>
    authorise(request, reply, options.principalOf, 'manager', 'norms');

  async function current(principal: Principal, id: string) {
    const norms = await normsInForce(s.db(), { tenant: principal.tenant });
    return norms.find((n) => n.norm.norm_id === id)?.norm;
  }

  async function write(principal: Principal, norm: NormPayload, before: NormPayload | null) {
    const at = s.now();
    const event = normEvent(principal.tenant, norm, at);
    await s.commit(
      principal,
      { kind: 'norm', id: norm.norm_id, action: before ? 'change' : 'create', before, after: norm },
      at,
      (p) => p.publishNorm(event),
    );
  }

  app.get(
    '/norms',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      schema: {
        summary: 'The norms of the municipality in force',
        description:
          'The latest reference.norm per norm_id, whoever set it (a source system or this API). A norm just written appears once the aggregator has stored its event.',
        tags: ['norms'],
        response: { 200: normList, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const rows = await normsInForce(s.db(), { tenant: principal.tenant });
      return {
        norms: rows.map((r) => ({
          norm: r.norm,
          source: { system: r.set_by_system, vendor: r.set_by_vendor },
          set_at: r.set_at,
        })),
      };
    },
  );

  app.post(
    '/norms',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Set a new norm',
        tags: ['norms'],
        body: oneNorm,
        response: { 201: oneNorm, ...changeRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      if (await current(principal, request.body.norm_id))
        return refuse(reply, 409, 'norm_id', 'a norm with this id is in force; change it with PUT');
      await write(principal, request.body, null);
      return reply.code(201).send(request.body);
    },
  );

  app.put(
    '/norms/:id',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Change a norm (or set it under this id)',
        description:
          'The norm takes effect from now: the aggregator and alerting apply the latest norm per id.',
        tags: ['norms'],
        params: normId,
        body: oneNorm,
        response: { 200: oneNorm, ...changeRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      if (request.body.norm_id !== request.params.id)
        return refuse(reply, 400, 'norm_id', 'must equal the id in the path');
      const before = (await current(principal, request.params.id)) ?? null;
      await write(principal, request.body, before);
      return request.body;
    },
  );

  app.delete(
    '/norms/:id',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Withdraw a norm: not possible yet (409)',
        description:
          'reference.norm has no way to withdraw a norm: the aggregator and alerting keep the latest event per norm_id. Change the norm with PUT instead.',
        tags: ['norms'],
        params: normId,
        response: { ...changeRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      return refuse(
        reply,
        409,
        'id',
        'a norm cannot be withdrawn: the aggregator and alerting keep the latest reference.norm per norm_id; change it with PUT instead',
      );
    },
  );
};
