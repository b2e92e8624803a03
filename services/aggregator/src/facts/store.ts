import { type Db, formatDateTime, splitInstant } from '@stuurwiel/clickhouse';
import type {
  CallbackFact,
  CallFact,
  CaseFact,
  SurveyComment,
  SurveyFact,
  VisitFact,
  WrittenFact,
} from './types.js';

const dt = (iso: string) => splitInstant(iso).dateTime;
const dtOrNull = (iso: string | null) => (iso === null ? null : dt(iso));
const flag = (value: boolean | null) => (value === null ? null : Number(value));

/** Inserts visit facts; a fact inserted again (redelivery, recomputation) replaces its row. */
export async function insertVisitFacts(
  db: Db,
  facts: readonly VisitFact[],
  version = new Date(),
): Promise<void> {
  await db.insert(
    'visit_facts_v1',
    facts.map((f) => ({
      ...f,
      arrived_at: dt(f.arrived_at),
      appointment_start: dtOrNull(f.appointment_start),
      called_at: dtOrNull(f.called_at),
      finished_at: dt(f.finished_at),
      version: formatDateTime(version),
    })),
  );
}

export async function insertCallFacts(
  db: Db,
  facts: readonly CallFact[],
  version = new Date(),
): Promise<void> {
  await db.insert(
    'call_facts_v1',
    facts.map((f) => ({
      ...f,
      offered_at: dt(f.offered_at),
      queued_at: dtOrNull(f.queued_at),
      answered_at: dtOrNull(f.answered_at),
      ended_at: dt(f.ended_at),
      resolved: f.resolved === null ? null : Number(f.resolved),
      version: formatDateTime(version),
    })),
  );
}

/** Inserts callback facts, versioned by the fact (see insertCaseFacts). */
export async function insertCallbackFacts(db: Db, facts: readonly CallbackFact[]): Promise<void> {
  await db.insert(
    'callback_facts_v1',
    facts.map((f) => ({
      ...f,
      requested_at: dt(f.requested_at),
      due_at: dt(f.due_at),
      completed_at: dtOrNull(f.completed_at),
      on_time: flag(f.on_time),
    })),
  );
}

/**
 * Inserts case facts. Their version is the fact's own (events applied), not the insert time: a
 * case's rows arrive many times while it is open, and the most complete state must win whatever
 * order replicas or replays insert them in.
 */
export async function insertCaseFacts(db: Db, facts: readonly CaseFact[]): Promise<void> {
  await db.insert(
    'case_facts_v1',
    facts.map(({ norm, ...f }) => ({
      ...f,
      norm_target: norm.target,
      norm_unit: norm.unit,
      suspended: Number(f.suspended),
      within_norm: flag(f.within_norm),
    })),
  );
}

/** Inserts written-contact facts, versioned by the fact (see insertCaseFacts). */
export async function insertWrittenFacts(db: Db, facts: readonly WrittenFact[]): Promise<void> {
  await db.insert(
    'written_facts_v1',
    facts.map((f) => ({
      ...f,
      received_at: dt(f.received_at),
      acknowledged_at: dtOrNull(f.acknowledged_at),
      answered_at: dtOrNull(f.answered_at),
    })),
  );
}

export async function insertSurveyFacts(
  db: Db,
  facts: readonly SurveyFact[],
  version = new Date(),
): Promise<void> {
  await db.insert(
    'survey_facts_v1',
    facts.map((f) => ({
      ...f,
      occurred_at: dt(f.occurred_at),
      satisfied: Number(f.satisfied),
      dissatisfied: Number(f.dissatisfied),
      version: formatDateTime(version),
    })),
  );
}

export async function insertSurveyComments(
  db: Db,
  comments: readonly SurveyComment[],
  version = new Date(),
): Promise<void> {
  await db.insert(
    'survey_comments_v1',
    comments.map((c) => ({ ...c, occurred_at: dt(c.occurred_at), version: formatDateTime(version) })),
  );
}
