import type { Db } from '@stuurwiel/clickhouse';
import { historyKpiInfo } from '@stuurwiel/schemas';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { toCsv } from '../export/csv.js';
import { exportDocument } from '../export/document.js';
import { toXlsx } from '../export/xlsx.js';
import { authorise, refusal, refusals } from '../http/refusal.js';
import { DIMENSIONS, TooManyRowsError } from '../tables/statement.js';
import { HistoryQueryError } from './errors.js';
import { type Answer, KPI_NAMES, KPIS } from './kpis.js';
import { exportQuery, historyQuery } from './query.js';
import { answerHistory, historyResult } from './result.js';

export interface HistoryRoutesOptions {
  /** The ClickHouse connection (or how to get it once the app is ready). */
  db: Db | (() => Db);
  /** The authenticated caller; throws (401) when there is none. */
  principalOf: (request: FastifyRequest) => Principal | Promise<Principal>;
  /** The wall clock, for the export's "exported at". */
  now?: () => Date;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * GET /api/v1/history and GET /api/v1/history/export: any KPI of the registry over a period, for
 * managers, bound to the caller's municipality (and locations or teams when the caller's access is
 * limited to some). Every refusal names the field and the reason.
 */
export const historyRoutes: FastifyPluginAsyncZod<HistoryRoutesOptions> = async (app, options) => {
  const db = () => (typeof options.db === 'function' ? options.db() : options.db);
  const now = options.now ?? (() => new Date());

  /** The caller if a manager may ask this; else the refusal has been sent. */
  const authorised = (request: FastifyRequest, reply: FastifyReply) =>
    authorise(request, reply, options.principalOf, 'manager', 'history');

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    query: z.output<typeof historyQuery>,
  ) {
    try {
      return await answerHistory(db(), principal, query);
    } catch (error) {
      if (error instanceof HistoryQueryError) {
        await reply
          .code(error.statusCode)
          .send(refusal(error.statusCode, [{ field: error.field, reason: error.reason }]));
        return null;
      }
      if (error instanceof TooManyRowsError) {
        await reply.code(400).send(refusal(400, [{ field: null, reason: error.message }]));
        return null;
      }
      request.log.error({ err: error }, 'history query failed');
      throw error;
    }
  }

  app.get(
    '/history',
    {
      attachValidation: true,
      config: { auth: { role: 'manager', tenantBound: true } },
      schema: {
        summary: 'A KPI over a period, per bucket and group',
        description:
          'From the rollups wherever they answer (hours, days), from the facts otherwise. Shares within a norm use the norm in force, or the one in `norm`, read from fixed-bucket histograms.',
        tags: ['history'],
        querystring: historyQuery,
        response: { 200: historyResult, ...refusals },
      },
    },
    async (request, reply) => {
      const principal = await authorised(request, reply);
      if (!principal) return reply;
      const result = await answer(request, reply, principal, request.query);
      if (!result) return reply;
      return result;
    },
  );

  app.get(
    '/history/export',
    {
      attachValidation: true,
      config: { auth: { role: 'manager', tenantBound: true } },
      schema: {
        summary: 'A history result as CSV or XLSX',
        description:
          'The same rows as GET /api/v1/history, with the KPI, its unit and definition, the period and the query in the file (a header block in CSV, a second sheet "about" in XLSX). Text cells that start with =, +, - or @ get a leading apostrophe.',
        tags: ['history'],
        querystring: exportQuery,
        produces: ['text/csv', XLSX_TYPE],
        response: {
          200: z.string().describe('The file: text/csv or XLSX.').meta({
            example:
              'municipality,GM0363\r\nkpi,counter_visits\r\n…\r\n\r\nbucket,value,unit\r\n2026-03-02,412,count\r\n',
          }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const principal = await authorised(request, reply);
      if (!principal) return reply;
      const { format, ...query } = request.query;
      const result = await answer(request, reply, principal, query);
      if (!result) return reply;
      const doc = exportDocument(result, now());
      const name = `${result.kpi.name}_${query.from}_${query.to}`.replace(/[^A-Za-z0-9_.-]/g, '-');
      const body = format === 'csv' ? toCsv(doc) : await toXlsx(doc);
      return (
        reply
          .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${name}.${format}"`)
          // A Buffer is sent as it is; the 200 schema only documents it.
          .send(body as unknown as string)
      );
    },
  );

  app.get(
    '/history/kpis',
    {
      config: { auth: { role: 'manager', tenantBound: true } },
      schema: {
        summary: 'The KPIs history answers, with unit, definition and norm (in English and Dutch)',
        tags: ['history'],
        response: {
          200: z.array(historyKpiInfo.extend({ name: z.enum(KPI_NAMES) })).meta({
            example: [
              {
                name: 'counter_visits',
                unit: 'count',
                definition:
                  'Visits that arrived in the bucket (finished, whatever the outcome). By product: a visit counts once under every product it handled.',
                definition_nl:
                  'Bezoeken die in het tijdvak binnenkwamen (afgerond, ongeacht de afloop). Per product: een bezoek telt één keer mee bij elk product dat erin is afgehandeld.',
                dimensions: ['location', 'queue', 'product', 'visit_type'],
                hours: true,
              },
              {
                name: 'phone_service_level',
                unit: 'share',
                definition:
                  'Calls answered within the norm ÷ (calls offered to a queue − short abandons). The wait runs from entering the queue to the answer.',
                definition_nl:
                  'Gesprekken beantwoord binnen de norm ÷ (gesprekken aangeboden aan een wachtrij − korte afhakers). De wachttijd loopt van binnenkomst in de wachtrij tot het opnemen.',
                norm: {
                  unit: 'seconds',
                  max: 86_400,
                  in_force: "the service-level norm of the queue, else the municipality's, else 30 s",
                  in_force_nl: 'de servicelevelnorm van de wachtrij, anders die van de gemeente, anders 30 s',
                },
                dimensions: ['queue'],
                hours: true,
              },
            ],
          }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const principal = await authorised(request, reply);
      if (!principal) return reply;
      return KPI_NAMES.map((name) => {
        const kpi = KPIS[name];
        const norm = 'norm' in kpi ? kpi.norm : undefined;
        const capabilities = kpi.answers.map((a: Answer) => a.capabilities);
        return {
          name,
          unit: kpi.unit,
          definition: kpi.definition,
          definition_nl: kpi.definitionNl,
          ...(norm
            ? {
                norm: { unit: norm.unit, max: norm.max, in_force: norm.inForce, in_force_nl: norm.inForceNl },
              }
            : {}),
          // Any answer's: the planner takes the first answer that fits the question.
          dimensions: DIMENSIONS.filter((d) => capabilities.some((c) => c.dimensions.includes(d))),
          hours: capabilities.some((c) => c.hours),
        };
      });
    },
  );
};
