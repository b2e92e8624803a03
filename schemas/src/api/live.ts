import { z } from 'zod';
import { tenantCode } from '../envelope.js';
import { kpiScope, kpiSnapshot, sourcesNow } from '../kpi.js';
import { timestamp } from '../values.js';

/** GET /api/v1/live. */
export const liveResponse = z.object({
  tenant: tenantCode,
  snapshots: z
    .array(kpiSnapshot)
    .describe('The latest snapshot per domain and scope, sorted by domain, scope kind and scope id.'),
});
export type LiveResponse = z.infer<typeof liveResponse>;

export const sourceFreshness = z.object({
  scope: kpiScope,
  as_of: timestamp.describe('The instant the snapshot describes (the aggregator clock).'),
  now: sourcesNow,
  quiet_seconds: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe(
      "Whole seconds from now.last_received_at to the gateway's clock (0 when the receipt lies ahead of it); null when nothing was received.",
    ),
});
export type SourceFreshness = z.infer<typeof sourceFreshness>;

/** GET /api/v1/sources. */
export const sourcesResponse = z.object({
  tenant: tenantCode,
  now: timestamp.describe("The gateway's clock when it answered; quiet_seconds is measured to it."),
  sources: z
    .array(sourceFreshness)
    .describe('Each source by its id, then the municipality as a whole (scope tenant).'),
});
export type SourcesResponse = z.infer<typeof sourcesResponse>;

/** The body of every error answer of the gateway: a code and a reason for people. */
export const errorBody = z.object({
  error: z.string().describe('Machine-readable code, e.g. bad_request, unauthorized, forbidden.'),
  reason: z.string().optional().describe('What was wrong, naming the field; absent for server errors.'),
});
export type ErrorBody = z.infer<typeof errorBody>;
