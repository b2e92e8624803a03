import { amsterdamDateOf, ms } from '../time/instants.js';
import type { Calendar } from './calendar.js';
import { computeDeadline, type Norm } from './deadline.js';

const MEMO_LIMIT = 50_000;
const memos = new WeakMap<Calendar, Map<string, number>>();

/**
 * Epoch ms of the deadline of a promise or norm started at `start` (e.g. a callback "within 2
 * working days" requested on Monday → end of Wednesday, Europe/Amsterdam), counted by the shared
 * deadlines module so that every part of stuurwiel gives the same instant.
 *
 * Memoised per calendar: the same open items are evaluated every second, and computeDeadline
 * validates and walks the calendar each time. A day norm depends only on the start's Amsterdam
 * date, so those share one entry per date; an hours norm is keyed by its instant.
 */
export function dueMs(calendar: Calendar, start: string, norm: Norm): number {
  let memo = memos.get(calendar);
  if (!memo) {
    memo = new Map();
    memos.set(calendar, memo);
  }
  const byDate = norm.unit === 'working_days' || norm.unit === 'calendar_days';
  const startKey = byDate ? amsterdamDateOf(ms(start)) : start;
  const key = `${norm.target}|${norm.unit}|${startKey}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  // `today` only matters for an open suspension, which a promise never has; passing it keeps
  // the computation independent of the wall clock.
  const deadline = computeDeadline({ start_date: startKey, norm }, { calendar, today: '2000-01-01' });
  const value = ms(deadline.suspended ? deadline.due_at_if_resumed_today : deadline.due_at);
  memo.set(key, value);
  return value;
}
