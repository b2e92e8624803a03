import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Principal, type Role, roleAtLeast } from '../auth/principal.js';
import { type Problem, problem } from '../history/errors.js';

export type RefusalStatus = 400 | 403 | 404 | 409;

const ERRORS: Record<RefusalStatus, string> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
};

type Issues = NonNullable<Problem['issues']>;

/** A refusal whose message lists every issue, each naming its field where it has one. */
export const refusal = (statusCode: RefusalStatus, issues: Issues): Problem => ({
  error: ERRORS[statusCode],
  reason: issues.map((i) => (i.field === null ? i.reason : `${i.field}: ${i.reason}`)).join('; '),
  issues,
});

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
}

/**
 * The issues of a failed validation, each naming its field: the parameter of a query (`depth`
 * 'parameter': a repeated parameter is still that parameter), or the whole path in a body, dotted
 * (`matchers.0.value`).
 */
export function validationIssues(
  error: Error & { validation?: ValidationIssue[]; validationContext?: string },
  depth: 'parameter' | 'path' = 'parameter',
): Issues {
  const issues = error.validation ?? [];
  if (issues.length === 0) return [{ field: null, reason: error.message }];
  return issues.flatMap((issue) => {
    const parts = (issue.instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean);
    const at = depth === 'parameter' ? parts.slice(0, 1) : parts;
    if (issue.keyword === 'unrecognized_keys')
      return (issue.params?.keys ?? []).map((key) => ({
        field: [...at, key].join('.'),
        reason: 'is not a known parameter',
      }));
    return [{ field: at.join('.') || null, reason: issue.message ?? 'is invalid' }];
  });
}

/** The issues of reasons written as `field: reason` (validateRule's). */
export const reasonIssues = (reasons: readonly string[]): Issues =>
  reasons.map((r) => {
    const at = r.indexOf(': ');
    return at === -1 ? { field: null, reason: r } : { field: r.slice(0, at), reason: r.slice(at + 2) };
  });

/** The refusals a route may answer, for its response schema. */
export const refusals = { 400: problem, 403: problem };
export const lookupRefusals = { ...refusals, 404: problem };
export const changeRefusals = { ...lookupRefusals, 409: problem };

/**
 * The caller when their role reaches `needed` and the request is valid; else the refusal (403,
 * then 400 naming the fields) has been sent and null is returned. The role comes first, so a
 * caller who may not ask learns nothing about what a valid question looks like.
 */
export async function authorise(
  request: FastifyRequest,
  reply: FastifyReply,
  principalOf: (request: FastifyRequest) => Principal | Promise<Principal>,
  needed: Role,
  what: string,
): Promise<Principal | null> {
  const principal = await principalOf(request);
  if (!roleAtLeast(principal.role, needed)) {
    await reply.code(403).send(refusal(403, [{ field: null, reason: `${what} needs the ${needed} role` }]));
    return null;
  }
  if (request.validationError) {
    const inBody = (request.validationError as { validationContext?: string }).validationContext === 'body';
    await reply
      .code(400)
      .send(refusal(400, validationIssues(request.validationError, inBody ? 'path' : 'parameter')));
    return null;
  }
  return principal;
}

/** Sends a refusal; returns the reply so a handler can `return refuse(...)`. */
export function refuse(
  reply: FastifyReply,
  statusCode: RefusalStatus,
  field: string | null,
  reason: string,
): FastifyReply {
  return reply.code(statusCode).send(refusal(statusCode, [{ field, reason }]));
}
