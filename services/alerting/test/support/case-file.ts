import { makeEvent } from '@stuurwiel/infra/testing';
import type { AlertMessage, CanonicalEventInput } from '@stuurwiel/schemas';
import { TENANT } from './stack.js';

export const CASE = 'zaak-2026-0042';
export const TEAM = 'vergunningen';
export const CASE_TYPE = 'omgevingsvergunning';

// By hand (domain.md, "How the deadline is counted"):
// - start Monday 2 March 2026, norm 8 weeks = 56 calendar days → Monday 27 April (King's Day);
// - suspended: asked Monday 9 March, completed Friday 13 March → Tue, Wed, Thu = 3 days → Thursday 30 April;
// - extended by 2 calendar weeks → Thursday 14 May, Ascension Day; Friday 15 May is equated with
//   a holiday by decree (2026), then the weekend → due Monday 18 May 2026, end of the day.
// The period runs across Good Friday and Easter Monday (3 and 6 April) and King's Day (27 April).
// At risk with the default horizon of 2 working days: from the day whose working days left (after
// it, up to and including 18 May) are 2: Tuesday 12 May (13 and 18 May; 14 and 15 are holidays).
export const DUE_DATE = '2026-05-18';
export const AT_RISK_FROM = '2026-05-11T22:00:00.000Z'; // Tuesday 12 May, 00:00 Amsterdam (CEST)
export const DUE_AT = Date.parse('2026-05-18T23:59:59+02:00');

/** The case's life, in the order it happened: created, suspended, resumed, extended. */
export const CASE_EVENTS: readonly CanonicalEventInput[] = [
  makeEvent(
    'case.created',
    '2026-03-02T08:00:00Z',
    {
      case_id: CASE,
      case_type_id: CASE_TYPE,
      start_date: '2026-03-02',
      lead_time_norm: { target: 56, unit: 'calendar_days' },
      team_id: TEAM,
    },
    { tenant: TENANT },
  ),
  makeEvent(
    'case.suspended',
    '2026-03-09T09:00:00Z',
    { case_id: CASE, reason: 'aanvulling gevraagd' },
    { tenant: TENANT },
  ),
  makeEvent('case.resumed', '2026-03-13T10:00:00Z', { case_id: CASE }, { tenant: TENANT }),
  makeEvent(
    'case.extended',
    '2026-03-20T11:00:00Z',
    { case_id: CASE, calendar_weeks: 2 },
    { tenant: TENANT },
  ),
];

/** The team's deadline alert listing the case with `status`, in `state`. */
export const teamAlert = (state: AlertMessage['state'], status: string) => (a: AlertMessage) =>
  a.rule_id === 'deadlines-cases' &&
  a.labels.team === TEAM &&
  a.state === state &&
  a.items.some((i) => i.item_id === CASE && i.status === status);
