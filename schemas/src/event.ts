import { z } from 'zod';
import { appointmentEvents } from './events/appointment.js';
import { callEvents } from './events/call.js';
import { caseEvents } from './events/case.js';
import { referenceEvents } from './events/reference.js';
import { surveyEvents } from './events/survey.js';
import { visitEvents } from './events/visit.js';
import { writtenEvents } from './events/written.js';
import { parseMessages, toValidationErrors, type ValidationError } from './issues.js';

/** Every canonical event schema by its `type`. */
export const eventSchemas = {
  ...visitEvents,
  ...appointmentEvents,
  ...callEvents,
  ...caseEvents,
  ...writtenEvents,
  ...surveyEvents,
  ...referenceEvents,
} as const;

export type EventType = keyof typeof eventSchemas;

export const EVENT_TYPES: readonly EventType[] = Object.freeze(Object.keys(eventSchemas) as EventType[]);

type AnyEventSchema = (typeof eventSchemas)[EventType];

export const canonicalEvent = z.discriminatedUnion(
  'type',
  Object.values(eventSchemas) as [AnyEventSchema, ...AnyEventSchema[]],
  {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const type = (issue.input as { type?: unknown } | undefined)?.type;
      return type === undefined ? 'required' : 'unknown event type';
    },
  },
);

/** A validated canonical event (defaults applied). */
export type CanonicalEvent = z.infer<typeof canonicalEvent>;
/** What a connector may send: fields with defaults may be left out. */
export type CanonicalEventInput = z.input<typeof canonicalEvent>;
export type EventOf<T extends EventType> = Extract<CanonicalEvent, { type: T }>;
export type PayloadOf<T extends EventType> = EventOf<T>['payload'];

export type ValidationResult = { ok: true; event: CanonicalEvent } | { ok: false; errors: ValidationError[] };

export function validateEvent(input: unknown): ValidationResult {
  // A parse given its own error map takes zod's slow path (about 1.7× the time); valid events,
  // nearly all of them, do not need the messages, so only a failure is parsed again with them.
  const quick = canonicalEvent.safeParse(input);
  if (quick.success) return { ok: true, event: quick.data };
  const result = canonicalEvent.safeParse(input, { error: parseMessages });
  return result.success
    ? { ok: true, event: result.data }
    : { ok: false, errors: toValidationErrors(result.error) };
}
