import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { entityId, isoDate, norm } from '../values.js';

const caseId = entityId.describe('Case (zaak) id, e.g. the Open Zaak UUID or zaakidentificatie.');

export const caseCreatedPayload = z.strictObject({
  case_id: caseId,
  case_type_id: entityId.describe('Case type (zaaktype) id.'),
  start_date: isoDate.describe('Start date (startdatum), YYYY-MM-DD; the deadline counts from here.'),
  lead_time_norm: norm.describe('Legal lead time (doorlooptijd) of this case, as set on its case type.'),
  service_norm: norm.optional().describe('Stricter service norm (servicenorm), if any.'),
  team_id: entityId.optional(),
});

export const caseStatusChangedPayload = z.strictObject({
  case_id: caseId,
  status: z.string().min(1).max(200).describe('Status type id or name (statustype).'),
  sequence: z.number().int().min(1).optional().describe('Sequence number of the status type (volgnummer).'),
  is_final: z.boolean().default(false).describe('True for the final status (eindstatus).'),
});

export const caseSuspendedPayload = z.strictObject({
  case_id: caseId,
  reason: z.string().min(1).max(500).optional(),
  until: isoDate
    .optional()
    .describe(
      'End of the period given to complete the application (Awb 4:15 lid 1), YYYY-MM-DD. ' +
        'If the case is not resumed before, the suspension ends by law on this day: it counts as resumed on it.',
    ),
});

export const caseResumedPayload = z.strictObject({
  case_id: caseId,
});

export const caseExtendedPayload = z
  .strictObject({
    case_id: caseId,
    working_days: z
      .number()
      .int({ error: 'must be a whole number of working days' })
      .positive({ error: 'must be at least 1 working day' })
      .optional()
      .describe('Extension (verlenging) in force, in working days (ZGW `duur` P10D).'),
    calendar_weeks: z
      .number()
      .int({ error: 'must be a whole number of weeks' })
      .positive({ error: 'must be at least 1 week' })
      .optional()
      .describe('Extension in force, in calendar weeks ("six weeks", Omgevingswet 16.64; ZGW P6W).'),
    reason: z.string().min(1).max(500).optional(),
  })
  // A zaak has one extension: the event states it whole, in one unit, and replaces any earlier one.
  .refine((p) => (p.working_days === undefined) !== (p.calendar_weeks === undefined), {
    path: ['working_days'],
    message: 'give exactly one of working_days and calendar_weeks',
  });

export const caseClosedPayload = z.strictObject({
  case_id: caseId,
  end_date: isoDate.describe('End date (einddatum), YYYY-MM-DD.'),
  result: z.string().min(1).max(200).describe('Result type id or name (resultaattype).'),
});

export const caseEvents = {
  'case.created': defineEvent('case.created', caseCreatedPayload, 'A case (zaak) was registered.'),
  'case.status_changed': defineEvent(
    'case.status_changed',
    caseStatusChangedPayload,
    'The case got a new status.',
  ),
  'case.suspended': defineEvent(
    'case.suspended',
    caseSuspendedPayload,
    'The case was suspended (opschorting); the deadline stops.',
  ),
  'case.resumed': defineEvent('case.resumed', caseResumedPayload, 'A suspended case was resumed.'),
  'case.extended': defineEvent(
    'case.extended',
    caseExtendedPayload,
    'The extension (verlenging) in force, in working days or calendar weeks; it replaces an earlier one.',
  ),
  'case.closed': defineEvent('case.closed', caseClosedPayload, 'The case was closed with a result.'),
} as const;
