import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AdapterContext, TranslatedRecord } from '../adapters/types.js';
import type { ApiKeys } from '../auth/api-keys.js';
import type { SourceName } from '../auth/credentials.js';
import { type AuthLimits, requireApiKey } from '../auth/plugin.js';
import type { EventSink } from '../kafka/event-sink.js';
import { KafkaUnavailableError } from '../kafka/unavailable.js';
import type { IngestMetrics } from '../metrics.js';
import { judge, type SourceTag } from '../pipeline/accept.js';
import { describeInput } from '../pipeline/dead-letter.js';
import { hidePersonKeys } from '../privacy/person-keys.js';
import { redactDeep } from '../privacy/personal-data.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant's adapter context, taken when its key was verified. */
    adapterContext?: AdapterContext;
  }
}

/**
 * The whole body is unusable (not JSON, nested too deep, wrong shape): 400, and the body is
 * dead-lettered as its length and keyed hash, never its content.
 */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly path = '',
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** The body is over a limit that is checked before it is parsed or translated: 413. */
export class TooLargeError extends Error {
  constructor(
    message: string,
    /** The metric's reason label. */
    readonly code: 'too_many_records' | 'too_many_values',
  ) {
    super(message);
    this.name = 'TooLargeError';
  }
}

/** More records (array elements, lines, rows) than INGEST_MAX_RECORDS: 413, before translation. */
export class TooManyRecordsError extends TooLargeError {
  constructor(
    readonly records: number,
    readonly maxRecords: number,
  ) {
    super(`${records} records in one request; at most ${maxRecords}`, 'too_many_records');
  }
}

/** More JSON values than INGEST_MAX_JSON_VALUES: 413, before the body is parsed. */
export class TooManyValuesError extends TooLargeError {
  constructor(readonly maxValues: number) {
    super(`more than ${maxValues} JSON values in one request`, 'too_many_values');
  }
}

/** What a route checks before it translates a body. */
export interface BodyLimits {
  maxRecords: number;
  /** Most JSON values (objects, arrays, scalars) a body may parse into. */
  maxValues: number;
}

export interface IngestDeps {
  keys: ApiKeys;
  limits: AuthLimits;
  sink: EventSink;
  metrics: IngestMetrics;
  /** Adapter context for a tenant (its pseudonymiser and clock). */
  contextFor(tenant: string): AdapterContext;
  maxRecords: number;
  maxValues: number;
  maxFutureSeconds: number;
  maxAgeSeconds: number;
}

export interface SourceRoute {
  url: string;
  name: SourceName;
  source: SourceTag;
  /**
   * Turns the raw body into translated records; throws BodyError for an unusable body and
   * TooLargeError (before translating, and before any call to a source system) when the
   * body holds more records than allowed.
   */
  translate(
    body: string,
    context: AdapterContext,
    contentType: string,
    limits: BodyLimits,
  ): Promise<TranslatedRecord[]>;
  /**
   * Adapter routes: the fields of a rejected record's `original` that the adapter would have
   * passed, after its own pseudonymisation. The dead letter then holds these, the record's
   * length and its keyed hash, never the record itself. Without it (canonical events, which
   * are the supplier's own), the record is kept cut and redacted.
   */
  deadLetterFields?(original: unknown, context: AdapterContext): unknown;
}

function unavailable(reply: FastifyReply, error: KafkaUnavailableError) {
  return reply
    .code(503)
    .header('retry-after', String(error.retryAfterSeconds))
    .send({ error: 'service_unavailable', reason: `Kafka unavailable: ${error.message}; retry later` });
}

/**
 * One source endpoint: authentication, translation, per-record verdicts, durable produce of
 * events and dead letters, and the answer — 202 only after Kafka acknowledged everything.
 */
export function registerSourceRoute(app: FastifyInstance, deps: IngestDeps, route: SourceRoute): void {
  const authenticate = requireApiKey(deps.keys, route.name, deps.limits, (request, entry) => {
    request.adapterContext = deps.contextFor(entry.tenant);
  });
  app.post(route.url, { onRequest: authenticate }, async (request, reply) => {
    const key = request.apiKey!;
    const context = request.adapterContext!;
    const now = context.now;
    const body = typeof request.body === 'string' ? request.body : '';
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
    let records: TranslatedRecord[];
    try {
      records = await route.translate(body, context, contentType, {
        maxRecords: deps.maxRecords,
        maxValues: deps.maxValues,
      });
    } catch (error) {
      if (error instanceof TooLargeError) {
        deps.metrics.rejected.inc({ source: route.name, reason: error.code });
        return reply.code(413).send({ error: 'payload_too_large', reason: error.message });
      }
      if (!(error instanceof BodyError)) throw error;
      deps.metrics.rejected.inc({ source: route.name, reason: 'unparsable_body' });
      try {
        await deps.sink.publish(
          [],
          [
            {
              original: describeInput(body, context.fingerprint),
              source: route.source,
              tenant: key.tenant,
              errors: [{ path: error.path, reason: error.message }],
              received_at: now.toISOString(),
            },
          ],
        );
      } catch (publishError) {
        if (publishError instanceof KafkaUnavailableError) return unavailable(reply, publishError);
        throw publishError;
      }
      return reply.code(400).send({ error: 'bad_request', path: error.path, reason: error.message });
    }
    const fields = route.deadLetterFields;
    const verdict = judge(records, {
      tenant: key.tenant,
      source: route.source,
      now,
      maxFutureSeconds: deps.maxFutureSeconds,
      maxAgeSeconds: deps.maxAgeSeconds,
      deadLetterOriginal: fields
        ? (original, received) => describeInput(received, context.fingerprint, fields(original, context))
        : (original) => redactDeep(hidePersonKeys(original, context.pseudonymise)),
    });
    if (verdict.foreignTenant.length > 0) {
      deps.metrics.rejected.inc({ source: route.name, reason: 'tenant_mismatch' });
      return reply.code(403).send({
        error: 'forbidden',
        reason: `records ${verdict.foreignTenant.join(', ')} belong to another tenant than this key's (${key.tenant}); nothing was accepted`,
      });
    }
    const started = process.hrtime.bigint();
    try {
      await deps.sink.publish(verdict.events, verdict.deadLetters);
    } catch (error) {
      deps.metrics.produceSeconds.observe(
        { outcome: 'unavailable' },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      if (error instanceof KafkaUnavailableError) return unavailable(reply, error);
      throw error;
    }
    deps.metrics.produceSeconds.observe(
      { outcome: 'acked' },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
    deps.metrics.records.inc({ source: route.name, outcome: 'accepted' }, verdict.acceptedRecords);
    deps.metrics.records.inc({ source: route.name, outcome: 'ignored' }, verdict.ignored);
    deps.metrics.records.inc({ source: route.name, outcome: 'rejected' }, verdict.deadLetters.length);
    for (const reason of verdict.reasonCodes) deps.metrics.rejected.inc({ source: route.name, reason });
    const status = verdict.acceptedRecords === 0 && verdict.rejected.length > 0 ? 422 : 202;
    return reply.code(status).send({
      accepted: verdict.acceptedRecords,
      events: verdict.events.length,
      ignored: verdict.ignored,
      rejected: verdict.rejected,
    });
  });
}
