import { KPI_SCOPES, type KpiSnapshotOf } from '@stuurwiel/schemas';
import { dueMs, type Norm } from '../deadlines/index.js';
import { ms, secondsSince } from '../time/instants.js';
import type { WrittenInput, WrittenSettings } from './inputs.js';
import { splitByScope } from './scopes.js';
import { inWindow, perWindow, type WindowBounds, windowBounds } from './windows.js';

type WrittenSnapshot = KpiSnapshotOf<'written'>;

export const DEFAULT_ANSWER_NORM: Norm = { target: 2, unit: 'working_days' };
export const DEFAULT_ACKNOWLEDGE_NORM: Norm = { target: 1, unit: 'working_days' };

interface Received {
  channel: string;
  team_id: string | null;
  receivedMs: number;
}

interface OpenItem extends Received {
  acknowledged: boolean;
  answerDueMs: number;
  acknowledgeDueMs: number;
}

interface AnsweredItem extends Received {
  answeredMs: number;
  withinNorm: boolean;
}

function writtenWindow(
  open: readonly OpenItem[],
  answered: readonly AnsweredItem[],
  bounds: WindowBounds,
): WrittenSnapshot['windows']['15m'] {
  let received = 0;
  for (const c of open) if (inWindow(bounds, c.receivedMs)) received += 1;
  let answeredIn = 0;
  let withinNorm = 0;
  for (const c of answered) {
    if (inWindow(bounds, c.receivedMs)) received += 1;
    if (!inWindow(bounds, c.answeredMs)) continue;
    answeredIn += 1;
    if (c.withinNorm) withinNorm += 1;
  }
  return { received, answered: answeredIn, answered_within_norm: withinNorm };
}

function writtenNow(open: readonly OpenItem[], asOfMs: number): WrittenSnapshot['now'] {
  let oldest: number | null = null;
  let unacknowledged = 0;
  let answerOverdue = 0;
  let acknowledgeOverdue = 0;
  for (const c of open) {
    const age = secondsSince(c.receivedMs, asOfMs);
    if (oldest === null || age > oldest) oldest = age;
    if (asOfMs > c.answerDueMs) answerOverdue += 1;
    if (c.acknowledged) continue;
    unacknowledged += 1;
    if (asOfMs > c.acknowledgeDueMs) acknowledgeOverdue += 1;
  }
  return {
    open: open.length,
    unacknowledged,
    answer_overdue: answerOverdue,
    acknowledge_overdue: acknowledgeOverdue,
    oldest_open_age_seconds: oldest,
  };
}

export function computeWrittenSnapshots(
  tenant: string,
  input: WrittenInput,
  asOf: string,
  settings: WrittenSettings,
): WrittenSnapshot[] {
  const windows = windowBounds(asOf);
  const asOfMs = ms(asOf);
  const answerNorm = settings.answerNorm ?? DEFAULT_ANSWER_NORM;
  const acknowledgeNorm = settings.acknowledgeNorm ?? DEFAULT_ACKNOWLEDGE_NORM;
  const { calendar } = settings;
  const answeredIds = new Set(input.answered.map((c) => c.contact_id));
  // Deadlines once per contact, not once per scope it appears in.
  const open: OpenItem[] = input.open
    .filter((c) => !answeredIds.has(c.contact_id))
    .map((c) => ({
      channel: c.channel,
      team_id: c.team_id,
      receivedMs: ms(c.received_at),
      acknowledged: c.acknowledged_at != null,
      answerDueMs: dueMs(calendar, c.received_at, answerNorm),
      acknowledgeDueMs: dueMs(calendar, c.received_at, acknowledgeNorm),
    }));
  const answered: AnsweredItem[] = input.answered.map((c) => {
    const answeredMs = ms(c.answered_at);
    return {
      channel: c.channel,
      team_id: c.team_id,
      receivedMs: ms(c.received_at),
      answeredMs,
      withinNorm: answeredMs <= dueMs(calendar, c.received_at, answerNorm),
    };
  });
  const scoped = splitByScope({ open, answered }, KPI_SCOPES.written, {
    open: (c, kind) => [kind === 'team' ? c.team_id : c.channel],
    answered: (c, kind) => [kind === 'team' ? c.team_id : c.channel],
  });
  return scoped.map(({ scope, input: part }) => ({
    spec_version: 1,
    tenant,
    domain: 'written',
    scope,
    as_of: asOf,
    computed_at: settings.computedAt,
    last_event_at: settings.lastEventAt,
    now: writtenNow(part.open, asOfMs),
    windows: perWindow(windows, (bounds) => writtenWindow(part.open, part.answered, bounds)),
  }));
}
