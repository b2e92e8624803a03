import { type DeadlineItem, deadlineItemKey } from '@stuurwiel/schemas';
import { amsterdamDateOf, ms } from '../time/instants.js';

/** A message for deadlines.v1: an item, or a tombstone (null) for an item that ended. */
export interface DeadlineMessage {
  key: string;
  item: DeadlineItem | null;
}

/**
 * Remembers what was last sent per item, so that a recomputation of thousands of unchanged
 * items sends nothing.
 */
export interface DeadlineTracker {
  /**
   * Takes a complete computation of one group's open items (e.g. one tenant's cases) and returns
   * what to send: the items that changed or are new, and a tombstone for every item of the group
   * sent before and absent now (it closed, was answered or completed).
   */
  offer(group: string, items: readonly DeadlineItem[]): DeadlineMessage[];
  /**
   * Tombstones for items that facts say ended, whose key this tracker holds no item for: an item
   * sent before a restart and closed just before it would otherwise stay on the topic for ever.
   * A key it holds is left to the next `offer` of its group.
   */
  ended(keys: Iterable<string>): DeadlineMessage[];
}

/**
 * What counts as a change: everything but `as_of`, which moves on every computation; and the
 * Amsterdam date of `as_of`, so that every item is sent again once a day after midnight (its
 * working days left and status stay current for screens).
 */
function contentOf(item: DeadlineItem): string {
  const { as_of: asOf, ...rest } = item;
  return `${amsterdamDateOf(ms(asOf))}|${JSON.stringify(rest)}`;
}

export function createDeadlineTracker(): DeadlineTracker {
  const sent = new Map<string, string>();
  const groups = new Map<string, Set<string>>();

  return {
    offer(group, items) {
      const out: DeadlineMessage[] = [];
      const before = groups.get(group) ?? new Set<string>();
      const now = new Set<string>();
      for (const item of items) {
        const key = deadlineItemKey(item);
        now.add(key);
        const content = contentOf(item);
        if (sent.get(key) === content) continue;
        sent.set(key, content);
        out.push({ key, item });
      }
      for (const key of before) {
        if (now.has(key)) continue;
        sent.delete(key);
        out.push({ key, item: null });
      }
      groups.set(group, now);
      return out;
    },

    ended(keys) {
      const out: DeadlineMessage[] = [];
      for (const key of new Set(keys)) if (!sent.has(key)) out.push({ key, item: null });
      return out;
    },
  };
}
