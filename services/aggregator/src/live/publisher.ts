import { type KpiSnapshot, kpiSnapshotKey } from '@stuurwiel/schemas';

export interface SnapshotPublisherOptions {
  /** Least time between two messages of one key; default 1000. */
  minIntervalMs?: number;
  /**
   * Republish an unchanged snapshot after this long, so that readers can tell a quiet scope from
   * a dead aggregator; default: never.
   */
  maxSilenceMs?: number;
  /** Clock (epoch ms); injected so that tests decide what time it is. */
  now: () => number;
}

export interface PublishBatch {
  /** Snapshots to send now. */
  publish: KpiSnapshot[];
  /**
   * Keys whose scope no longer has any item (absent from a complete batch of its tenant and
   * domain): send a tombstone, or the compacted topic keeps its last numbers forever.
   */
  retire: string[];
}

export interface SnapshotPublisher {
  /**
   * Takes freshly computed snapshots (one computation: all scopes of a tenant and domain, or a
   * part of them) and returns what to send now. A changed snapshot within `minIntervalMs` of the
   * last message of its key is held; only the latest held one is kept.
   */
  offer(snapshots: readonly KpiSnapshot[]): PublishBatch;
  /** Held snapshots whose interval has passed (call every tick, after offering the recomputation). */
  due(): KpiSnapshot[];
  forget(tenant: string): void;
}

interface KeyState {
  tenant: string;
  group: string;
  content: string | null;
  sentAt: number | null;
  held: KpiSnapshot | null;
}

/**
 * What counts as a change: everything but the stamps that move with the clock. `as_of` moves on
 * every tick; if it counted, every key would be sent every second whether or not a number moved.
 */
function contentOf(s: KpiSnapshot): string {
  const { computed_at: _computed, as_of: _asOf, ...rest } = s;
  return JSON.stringify(rest);
}

const groupOf = (s: { tenant: string; domain: string }) => `${s.tenant}|${s.domain}`;

export function createSnapshotPublisher(options: SnapshotPublisherOptions): SnapshotPublisher {
  const minInterval = options.minIntervalMs ?? 1000;
  const keys = new Map<string, KeyState>();

  const mayPublish = (state: KeyState, at: number) =>
    state.sentAt === null || at - state.sentAt >= minInterval;
  const send = (state: KeyState, snapshot: KpiSnapshot, content: string, at: number) => {
    state.content = content;
    state.sentAt = at;
    state.held = null;
    return snapshot;
  };

  return {
    offer(snapshots) {
      const at = options.now();
      const publish: KpiSnapshot[] = [];
      const complete = new Set<string>();
      const seen = new Set<string>();
      for (const snapshot of snapshots) {
        const key = kpiSnapshotKey(snapshot);
        seen.add(key);
        if (snapshot.scope.kind === 'tenant') complete.add(groupOf(snapshot));
        let state = keys.get(key);
        if (!state) {
          state = {
            tenant: snapshot.tenant,
            group: groupOf(snapshot),
            content: null,
            sentAt: null,
            held: null,
          };
          keys.set(key, state);
        }
        const content = contentOf(snapshot);
        const silentTooLong =
          options.maxSilenceMs !== undefined &&
          state.sentAt !== null &&
          at - state.sentAt >= options.maxSilenceMs;
        if (content === state.content && !silentTooLong) {
          // Changed and changed back within the interval: nothing left to tell.
          state.held = null;
          continue;
        }
        if (mayPublish(state, at)) publish.push(send(state, snapshot, content, at));
        else state.held = snapshot;
      }

      // The tenant scope is in every full computation, so its presence says the batch is complete.
      const retire: string[] = [];
      for (const [key, state] of keys) {
        if (complete.has(state.group) && !seen.has(key)) {
          keys.delete(key);
          if (state.content !== null) retire.push(key);
        }
      }
      return { publish, retire };
    },

    due() {
      const at = options.now();
      const out: KpiSnapshot[] = [];
      for (const state of keys.values()) {
        if (state.held && mayPublish(state, at)) out.push(send(state, state.held, contentOf(state.held), at));
      }
      return out;
    },

    forget(tenant) {
      for (const [key, state] of keys) if (state.tenant === tenant) keys.delete(key);
    },
  };
}
