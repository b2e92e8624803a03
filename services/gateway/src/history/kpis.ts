import type { Db } from '@stuurwiel/clickhouse';
import { HISTORY_UNITS } from '@stuurwiel/schemas';
import { z } from 'zod';
import { CALLBACKS, type CallbackRow, readCallbacks } from '../tables/callbacks.js';
import {
  CALL_WAITS,
  CALLS,
  type CallRow,
  type CallServiceRow,
  type CallWaitRow,
  readCallService,
  readCalls,
  readCallWaits,
} from '../tables/calls.js';
import {
  CASE_LEAD_TIMES,
  CASES,
  type CaseLeadTimeRow,
  type CaseRow,
  readCaseLeadTimes,
  readCases,
} from '../tables/cases.js';
import { type Capabilities, capabilitiesOf, type SourceRow, type Tables } from '../tables/source.js';
import type { HistoryRead } from '../tables/statement.js';
import { readSurveys, SURVEYS, type SurveyRow } from '../tables/surveys.js';
import {
  readVisitProducts,
  readVisits,
  readVisitWaits,
  VISIT_PRODUCTS,
  VISIT_WAITS,
  VISITS,
  type VisitProductRow,
  type VisitRow,
  type VisitWaitRow,
} from '../tables/visits.js';
import {
  readWritten,
  readWrittenAnswers,
  WRITTEN,
  WRITTEN_ANSWERS,
  type WrittenAnswerRow,
  type WrittenRow,
} from '../tables/written.js';
import {
  countOf,
  histogramOf,
  type KpiValue,
  percentileFromHistogram,
  ratio,
  shareFromHistogram,
  shareWithinNorm,
} from './values.js';

/**
 * Every KPI history answers, in one place: its unit, its definition (in English, and in Dutch for
 * the managers' pages), the norm a share is within, and the measure sets (rollups, or facts where
 * no rollup can) it is formed from. Adding a KPI is one entry here; the route, the query schema,
 * the export and the OpenAPI document follow.
 */

export const UNITS = HISTORY_UNITS;
export type Unit = (typeof UNITS)[number];

/** How a share within the norm reads the norm given in a request. */
export interface NormSpec {
  unit: 'seconds' | 'working_days' | 'calendar_days';
  /** The largest norm a request may give, in `unit`. */
  max: number;
  /** What "the norm in force" is for this KPI. */
  inForce: string;
  /** The same in Dutch, for the managers' pages. */
  inForceNl: string;
}

/** One way to answer a KPI: a measure set, how to read it, and the value of a row. */
export interface Answer {
  capabilities: Capabilities;
  /** The tables it reads, as the response names them. */
  tables: string[];
  read(db: Db, read: HistoryRead): Promise<SourceRow<z.ZodRawShape>[]>;
  value(row: never, norm: number | undefined): KpiValue;
}

function answer<Row>(
  tables: Tables<z.ZodRawShape>[],
  read: (db: Db, read: HistoryRead) => Promise<Row[]>,
  value: (row: Row, norm: number | undefined) => KpiValue,
): Answer {
  const first = tables[0]!;
  return {
    capabilities: capabilitiesOf(first),
    tables: tables.flatMap((t) => [t.hour, t.day].flatMap((s) => (s ? [s.name] : []))),
    read: read as Answer['read'],
    value: value as Answer['value'],
  };
}

export interface Kpi {
  unit: Unit;
  definition: string;
  /** The same definition in Dutch, for the managers' pages. */
  definitionNl: string;
  norm?: NormSpec;
  /** In order of preference: the first that answers the question's granularity, filters and groups. */
  answers: Answer[];
}

const tables = {
  visits: VISITS,
  products: VISIT_PRODUCTS,
  visitWaits: VISIT_WAITS,
  calls: CALLS,
  callWaits: CALL_WAITS,
  callbacks: CALLBACKS,
  cases: CASES,
  leadTimes: CASE_LEAD_TIMES,
  written: WRITTEN,
  answers: WRITTEN_ANSWERS,
  surveys: SURVEYS,
} satisfies Record<string, Tables<z.ZodRawShape>>;

const visits = (value: (r: VisitRow) => KpiValue) => answer([tables.visits], readVisits, value);
const byProduct = (value: (r: VisitProductRow) => KpiValue) =>
  answer([tables.products], readVisitProducts, value);
const visitWaits = (value: (r: VisitWaitRow, norm?: number) => KpiValue) =>
  answer([tables.visitWaits], readVisitWaits, value);
const calls = (value: (r: CallRow) => KpiValue) => answer([tables.calls], readCalls, value);
const callWaits = (value: (r: CallWaitRow, norm?: number) => KpiValue) =>
  answer([tables.callWaits], readCallWaits, value);
const callService = (value: (r: CallServiceRow, norm?: number) => KpiValue) =>
  answer([tables.callWaits, tables.calls], readCallService, value);
const callbacks = (value: (r: CallbackRow, norm?: number) => KpiValue) =>
  answer([tables.callbacks], readCallbacks, value);
const cases = (value: (r: CaseRow) => KpiValue) => answer([tables.cases], readCases, value);
const leadTimes = (value: (r: CaseLeadTimeRow, norm?: number) => KpiValue) =>
  answer([tables.leadTimes], readCaseLeadTimes, value);
const written = (value: (r: WrittenRow) => KpiValue) => answer([tables.written], readWritten, value);
const answers = (value: (r: WrittenAnswerRow, norm?: number) => KpiValue) =>
  answer([tables.answers], readWrittenAnswers, value);
const surveys = (value: (r: SurveyRow) => KpiValue) => answer([tables.surveys], readSurveys, value);

const SECONDS_NORM = (inForce: string, inForceNl: string): NormSpec => ({
  unit: 'seconds',
  max: 86_400,
  inForce,
  inForceNl,
});
const WORKING_DAYS_NORM = (inForce: string, inForceNl: string): NormSpec => ({
  unit: 'working_days',
  max: 366,
  inForce,
  inForceNl,
});

/** The phone service level's numerator: answered within the norm (asked for, else in force). */
function answeredWithin(row: CallWaitRow, norm: number | undefined): number | null {
  if (norm === undefined) return row.within_known === row.measured ? row.within : null;
  const share = shareFromHistogram(histogramOf(row), norm);
  return share.value === null ? 0 : share.value * share.basis;
}

export const KPIS = {
  counter_visits: {
    unit: 'count',
    definition:
      'Visits that arrived in the bucket (finished, whatever the outcome). By product: a visit counts once under every product it handled.',
    definitionNl:
      'Bezoeken die in het tijdvak binnenkwamen (afgerond, ongeacht de afloop). Per product: een bezoek telt één keer mee bij elk product dat erin is afgehandeld.',
    answers: [visits((r) => countOf(r.visits)), byProduct((r) => countOf(r.visits))],
  },
  counter_served: {
    unit: 'count',
    definition: 'Visits served at a desk, by arrival.',
    definitionNl: 'Bezoeken die aan een balie zijn geholpen, naar moment van aankomst.',
    answers: [visits((r) => countOf(r.served)), byProduct((r) => countOf(r.served))],
  },
  counter_no_shows: {
    unit: 'count',
    definition: 'Visits called but not showing up, by arrival.',
    definitionNl: 'Bezoeken die zijn opgeroepen maar niet aan de balie verschenen, naar moment van aankomst.',
    answers: [visits((r) => countOf(r.no_shows))],
  },
  counter_left: {
    unit: 'count',
    definition: 'Visits that left or were removed before being served, by arrival.',
    definitionNl:
      'Bezoeken die vertrokken of uit de wachtrij zijn verwijderd voordat ze werden geholpen, naar moment van aankomst.',
    answers: [visits((r) => countOf(r.left_or_removed))],
  },
  counter_wait_mean: {
    unit: 'seconds',
    definition:
      'Mean wait of visits with a wait: called − arrival (for an appointment, called − max(arrival, appointment start)).',
    definitionNl:
      'Gemiddelde wachttijd van bezoeken met een wachttijd: oproep − aankomst (bij een afspraak: oproep − max(aankomst, begintijd van de afspraak)).',
    answers: [
      visits((r) => ratio(r.wait_sum, r.wait_count)),
      byProduct((r) => ratio(r.wait_sum, r.wait_count)),
    ],
  },
  counter_service_time_mean: {
    unit: 'seconds',
    definition: 'Mean service time (finished − called) of visits with one.',
    definitionNl: 'Gemiddelde behandeltijd (afgerond − oproep) van bezoeken met een behandeltijd.',
    answers: [visits((r) => ratio(r.service_sum, r.service_count))],
  },
  counter_wait_share_within_norm: {
    unit: 'share',
    definition: 'Share of visits with a wait whose wait was at most the norm (waits ≤ norm ÷ waits).',
    definitionNl:
      'Aandeel van de bezoeken met een wachttijd waarvan de wachttijd hoogstens de norm was (wachttijden ≤ norm ÷ wachttijden).',
    norm: SECONDS_NORM(
      "the counter-wait norm of the queue, else the location's, else the municipality's, else 10 minutes",
      'de wachttijdnorm (balie) van de wachtrij, anders die van de locatie, anders die van de gemeente, anders 10 minuten',
    ),
    answers: [visitWaits((r, norm) => shareWithinNorm(r, norm))],
  },
  counter_wait_p90: {
    unit: 'seconds',
    definition:
      '90th percentile of counter waits (the value at index floor(0.9·n) of the sorted waits), interpolated in its histogram bucket.',
    definitionNl:
      '90e percentiel van de wachttijden aan de balie (de waarde op index floor(0,9·n) van de gesorteerde wachttijden), geïnterpoleerd binnen het histogramvak waarin die valt.',
    answers: [visitWaits((r) => percentileFromHistogram(histogramOf(r), 0.9))],
  },
  phone_calls: {
    unit: 'count',
    definition: 'All calls offered to the line, menu included, by the time of the offer.',
    definitionNl:
      'Alle gesprekken die aan de lijn zijn aangeboden, keuzemenu inbegrepen, naar moment van aanbieden.',
    answers: [calls((r) => countOf(r.offered))],
  },
  phone_offered: {
    unit: 'count',
    definition: 'Calls offered to a queue (that left the menu for a queue).',
    definitionNl: 'Gesprekken aangeboden aan een wachtrij (die vanuit het keuzemenu in een wachtrij kwamen).',
    answers: [calls((r) => countOf(r.queued))],
  },
  phone_answered: {
    unit: 'count',
    definition: 'Calls answered by an agent.',
    definitionNl: 'Gesprekken die door een medewerker zijn beantwoord.',
    answers: [calls((r) => countOf(r.answered))],
  },
  phone_abandoned_in_queue: {
    unit: 'count',
    definition:
      'Calls abandoned in the queue (the caller hung up before an answer), short abandons included.',
    definitionNl:
      'Gesprekken die in de wachtrij zijn afgebroken (de beller hing op voordat er werd opgenomen), korte afhakers inbegrepen.',
    answers: [calls((r) => countOf(r.abandoned_in_queue))],
  },
  phone_abandonment_rate: {
    unit: 'share',
    definition:
      '(abandoned in queue − short abandons) ÷ (offered to a queue − short abandons); short: under the threshold the row was computed with (default 5 s).',
    definitionNl:
      '(afgebroken in de wachtrij − korte afhakers) ÷ (aangeboden aan een wachtrij − korte afhakers); kort: korter dan de drempel waarmee de rij is berekend (standaard 5 s).',
    answers: [calls((r) => ratio(r.abandoned_in_queue - r.abandoned_short, r.queued - r.abandoned_short))],
  },
  phone_answer_wait_mean: {
    unit: 'seconds',
    definition:
      'Average speed of answer: mean wait from entering the queue to the answer, of answered calls.',
    definitionNl:
      'Gemiddelde wachttijd tot opnemen (average speed of answer): gemiddelde wachttijd van binnenkomst in de wachtrij tot het opnemen, van beantwoorde gesprekken.',
    answers: [calls((r) => ratio(r.answer_wait_sum, r.answered))],
  },
  phone_handling_time_mean: {
    unit: 'seconds',
    definition: 'Mean handling time (talk + hold + after-call work) of answered calls.',
    definitionNl: 'Gemiddelde afhandeltijd (gesprekstijd + in de wacht + nawerk) van beantwoorde gesprekken.',
    answers: [calls((r) => ratio(r.handling_sum, r.answered))],
  },
  phone_service_level: {
    unit: 'share',
    definition:
      'Calls answered within the norm ÷ (calls offered to a queue − short abandons). The wait runs from entering the queue to the answer.',
    definitionNl:
      'Gesprekken beantwoord binnen de norm ÷ (gesprekken aangeboden aan een wachtrij − korte afhakers). De wachttijd loopt van binnenkomst in de wachtrij tot het opnemen.',
    norm: SECONDS_NORM(
      "the service-level norm of the queue, else the municipality's, else 30 s",
      'de servicelevelnorm van de wachtrij, anders die van de gemeente, anders 30 s',
    ),
    answers: [
      callService((r, norm) => {
        const within = answeredWithin(r, norm);
        const denominator = r.calls ? r.calls.queued - r.calls.abandoned_short : 0;
        const inForce = r.norm_min !== null && r.norm_min === r.norm_max ? r.norm_min : null;
        return {
          value: within === null || denominator <= 0 ? null : within / denominator,
          basis: denominator,
          norm: norm ?? inForce,
        };
      }),
    ],
  },
  phone_service_level_of_answered: {
    unit: 'share',
    definition:
      'Calls answered within the norm ÷ calls answered (with a known wait): the variant over answered calls only.',
    definitionNl:
      'Gesprekken beantwoord binnen de norm ÷ beantwoorde gesprekken (met een bekende wachttijd): de variant over alleen de beantwoorde gesprekken.',
    norm: SECONDS_NORM(
      "the service-level norm of the queue, else the municipality's, else 30 s",
      'de servicelevelnorm van de wachtrij, anders die van de gemeente, anders 30 s',
    ),
    answers: [callWaits((r, norm) => shareWithinNorm(r, norm))],
  },
  callbacks_requested: {
    unit: 'count',
    definition: 'Callback requests, by the day of the request.',
    definitionNl: 'Terugbelverzoeken, naar de dag van het verzoek.',
    answers: [callbacks((r) => countOf(r.requested))],
  },
  callbacks_on_time_share: {
    unit: 'share',
    definition:
      'Callbacks completed (not cancelled) within their promise ÷ callbacks completed (not cancelled), by the day of completion. With a norm: completed within that many working days after the day of the request.',
    definitionNl:
      'Terugbelverzoeken afgehandeld (niet geannuleerd) binnen de toegezegde termijn ÷ terugbelverzoeken afgehandeld (niet geannuleerd), naar de dag van afhandeling. Met een opgegeven norm: afgehandeld binnen zoveel werkdagen na de dag van het verzoek.',
    norm: WORKING_DAYS_NORM(
      'the promise each callback was made with',
      'de termijn die bij elk terugbelverzoek is toegezegd',
    ),
    answers: [
      callbacks((r, norm) =>
        norm === undefined
          ? ratio(r.completed_on_time, r.completed - r.cancelled)
          : shareFromHistogram(histogramOf(r), norm),
      ),
    ],
  },
  cases_closed: {
    unit: 'count',
    definition: 'Cases closed, by their end date.',
    definitionNl: 'Afgehandelde zaken, naar hun einddatum.',
    answers: [cases((r) => countOf(r.closed))],
  },
  case_lead_time_mean: {
    unit: 'calendar_days',
    definition: 'Mean lead time (end date − start date, calendar days) of closed cases.',
    definitionNl:
      'Gemiddelde doorlooptijd (einddatum − startdatum, in kalenderdagen) van afgehandelde zaken.',
    answers: [cases((r) => ratio(r.lead_time_days_sum, r.closed))],
  },
  cases_closed_within_norm_share: {
    unit: 'share',
    definition:
      'Closed cases closed by their deadline ÷ closed cases. With a norm: lead time (calendar days) at most the norm.',
    definitionNl:
      'Afgehandelde zaken die uiterlijk op hun uiterste afhandeldatum zijn afgehandeld ÷ afgehandelde zaken. Met een opgegeven norm: doorlooptijd (kalenderdagen) hoogstens de norm.',
    norm: {
      unit: 'calendar_days',
      max: 3660,
      inForce: "each case's own deadline (its norm, suspensions and extension)",
      inForceNl: 'de eigen uiterste afhandeldatum van elke zaak (uit de norm, opschortingen en verlenging)',
    },
    answers: [
      leadTimes((r, norm) =>
        norm === undefined ? ratio(r.closed_within_norm, r.closed) : shareFromHistogram(histogramOf(r), norm),
      ),
    ],
  },
  written_received: {
    unit: 'count',
    definition: 'Written contacts received, by the day of receipt.',
    definitionNl: 'Ontvangen schriftelijke contacten, naar de dag van ontvangst.',
    answers: [written((r) => countOf(r.received))],
  },
  written_answered: {
    unit: 'count',
    definition: 'Written contacts answered, by the day of the answer.',
    definitionNl: 'Beantwoorde schriftelijke contacten, naar de dag van het antwoord.',
    answers: [written((r) => countOf(r.answered))],
  },
  written_answer_working_days_mean: {
    unit: 'working_days',
    definition: 'Mean working days from receipt to answer (counted from the day after receipt), of answers.',
    definitionNl:
      'Gemiddeld aantal werkdagen van ontvangst tot antwoord (geteld vanaf de dag na ontvangst), van de gegeven antwoorden.',
    answers: [written((r) => ratio(r.answer_working_days_sum, r.answered))],
  },
  written_answered_within_norm_share: {
    unit: 'share',
    definition: 'Answers given within the norm (working days from receipt to answer ≤ norm) ÷ answers.',
    definitionNl:
      'Antwoorden gegeven binnen de norm (werkdagen van ontvangst tot antwoord ≤ norm) ÷ antwoorden.',
    norm: WORKING_DAYS_NORM(
      "the municipality's written-answer norm, else 2 working days",
      'de norm van de gemeente voor het beantwoorden van schriftelijke contacten, anders 2 werkdagen',
    ),
    answers: [answers((r, norm) => shareWithinNorm(r, norm))],
  },
  survey_responses: {
    unit: 'count',
    definition: 'Survey (KTO) responses.',
    definitionNl: 'Reacties op het klanttevredenheidsonderzoek (KTO).',
    answers: [surveys((r) => countOf(r.responses))],
  },
  survey_mean_score: {
    unit: 'normalised_score',
    definition:
      'Mean score normalised to its scale, (score − min) ÷ (max − min), so 1–5 and 1–10 scales average together: 0 the lowest, 1 the highest.',
    definitionNl:
      'Gemiddelde score, genormaliseerd naar de eigen schaal: (score − min) ÷ (max − min), zodat schalen van 1–5 en 1–10 samen te middelen zijn: 0 is de laagste, 1 de hoogste.',
    answers: [surveys((r) => ratio(r.score_normalised_sum, r.responses))],
  },
  survey_satisfied_share: {
    unit: 'share',
    definition: 'Satisfied responses (normalised score ≥ 0.75, i.e. 4–5 of 5) ÷ responses.',
    definitionNl: 'Tevreden reacties (genormaliseerde score ≥ 0,75, dus 4–5 van 5) ÷ reacties.',
    answers: [surveys((r) => ratio(r.satisfied, r.responses))],
  },
  survey_dissatisfied_share: {
    unit: 'share',
    definition: 'Dissatisfied responses (normalised score < 0.25, i.e. 1 of 5) ÷ responses.',
    definitionNl: 'Ontevreden reacties (genormaliseerde score < 0,25, dus 1 van 5) ÷ reacties.',
    answers: [surveys((r) => ratio(r.dissatisfied, r.responses))],
  },
} satisfies Record<string, Kpi>;

export type KpiName = keyof typeof KPIS;
export const KPI_NAMES = Object.keys(KPIS) as [KpiName, ...KpiName[]];
export const kpiName = z
  .enum(KPI_NAMES)
  .describe('The KPI; see GET /api/v1/history/kpis for units and definitions.');

export const kpiOf = (name: KpiName): Kpi => KPIS[name];
