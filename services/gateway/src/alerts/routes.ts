import { alertHistory, listAlerts, notificationAttempts } from '@stuurwiel/alerting/history';
import {
  type AlertMessage,
  acknowledgement,
  acknowledgeResponse,
  alertDetailResponse,
  alertListResponse,
  alertMessage,
  alertState,
  timestamp,
} from '@stuurwiel/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { fromBeforeTo, limitParam } from '../http/query.js';
import { authorise, changeRefusals, lookupRefusals, refusals, refuse } from '../http/refusal.js';
import { changeFields, type SettingsRoutesOptions, settings } from '../settings/commit.js';
import { filterValue } from '../tables/statement.js';
import { acknowledgementExample, alertDetailExample, alertListExample } from './examples.js';

const fingerprint = z
  .string()
  .regex(/^[0-9a-f]{16}$/, { error: 'must be 16 hexadecimal digits' })
  .describe('Stable id of the alert.');

export const alertsQuery = z
  .strictObject({
    state: alertState.optional().describe('Only alerts whose latest state is this.'),
    rule_kind: alertMessage.shape.rule_kind.optional(),
    team: filterValue.optional().describe('Only alerts of this team.'),
    location: filterValue.optional().describe('Only alerts of this location.'),
    from: timestamp.optional().describe('Only alerts still open at or after this instant.'),
    to: timestamp.optional().describe('Only alerts that began before this instant.'),
    limit: limitParam(1000, 200),
  })
  .refine(...fromBeforeTo);

const alertList = alertListResponse.meta({ example: alertListExample });
const alertDetail = alertDetailResponse.meta({ example: alertDetailExample });
const acknowledged = acknowledgeResponse.meta({ example: { acknowledgement: acknowledgementExample } });

/** Whether a caller limited to some teams may see this alert (one of their teams' own). */
const visibleTo = (principal: Principal, alert: AlertMessage): boolean =>
  principal.teams === null || principal.teams.includes(alert.labels.team ?? '');

/**
 * GET /api/v1/alerts, GET /api/v1/alerts/:fingerprint and POST …/acknowledge, for team leads and
 * up, from the ClickHouse alert history of the caller's municipality; a team lead limited to some
 * teams sees (and acknowledges) only their alerts. An acknowledgement goes to alerting as data on
 * alerting.config.v1 and into the change log.
 */
export const alertRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, options) => {
  const s = settings(options);
  const caller = (
    request: Parameters<typeof options.principalOf>[0],
    reply: Parameters<typeof authorise>[1],
  ) => authorise(request, reply, options.principalOf, 'teamlead', 'alerts');

  /** The alert's changes if the caller may see it; else null (unknown and invisible alike). */
  async function findAlert(principal: Principal, fp: string) {
    const history = await alertHistory(s.db(), { tenant: principal.tenant, fingerprint: fp, limit: 1000 });
    const latest = history[0]?.message;
    return latest && visibleTo(principal, latest) ? { latest, history } : null;
  }

  app.get(
    '/alerts',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Alerts of the municipality, one per occurrence, newest first',
        tags: ['alerts'],
        querystring: alertsQuery,
        response: { 200: alertList, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const { team, ...query } = request.query;
      if (team !== undefined && principal.teams !== null && !principal.teams.includes(team))
        return refuse(reply, 403, 'team', 'is not one of your teams');
      const rows = await listAlerts(s.db(), {
        ...query,
        tenant: principal.tenant,
        ...(team === undefined ? {} : { team }),
        ...(principal.teams === null ? {} : { teams: principal.teams }),
      });
      return { alerts: rows.map((r) => ({ ...r.message, last_changed_at: r.last_changed_at })) };
    },
  );

  app.get(
    '/alerts/:fingerprint',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'One alert with its state history and notification attempts',
        tags: ['alerts'],
        params: z.strictObject({ fingerprint }),
        response: { 200: alertDetail, ...lookupRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const found = await findAlert(principal, request.params.fingerprint);
      if (!found) return refuse(reply, 404, 'fingerprint', 'no such alert of yours');
      const notifications = await notificationAttempts(s.db(), {
        tenant: principal.tenant,
        fingerprint: request.params.fingerprint,
      });
      return { alert: found.latest, history: found.history, notifications };
    },
  );

  app.post(
    '/alerts/:fingerprint/acknowledge',
    {
      config: { auth: { role: 'teamlead', tenantBound: true } },
      attachValidation: true,
      schema: {
        summary: 'Acknowledge a firing or pending alert: no repeats and no escalation until it changes',
        tags: ['alerts'],
        params: z.strictObject({ fingerprint }),
        body: z
          .strictObject({ comment: acknowledgement.shape.comment })
          .default({})
          .describe('An optional comment for the team.')
          .meta({ example: { comment: acknowledgementExample.comment } }),
        response: { 202: acknowledged, ...changeRefusals },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (!principal) return reply;
      const fp = request.params.fingerprint;
      const found = await findAlert(principal, fp);
      if (!found) return refuse(reply, 404, 'fingerprint', 'no such alert of yours');
      if (found.latest.state === 'resolved')
        return refuse(reply, 409, 'fingerprint', 'the alert is resolved; there is nothing to acknowledge');
      const at = s.now();
      const ack = acknowledgement.parse({
        fingerprint: fp,
        acknowledged_by: principal.subject,
        at: at.toISOString(),
        ...(request.body?.comment === undefined ? {} : { comment: request.body.comment }),
      });
      await s.commit(
        principal,
        {
          kind: 'acknowledgement',
          id: fp,
          action: 'acknowledge',
          before: found.latest.acknowledgement,
          after: ack,
        },
        at,
        (p) =>
          p.publishConfig({ ...changeFields(principal, at), type: 'acknowledgement', acknowledgement: ack }),
      );
      return reply.code(202).send({ acknowledgement: ack });
    },
  );
};
