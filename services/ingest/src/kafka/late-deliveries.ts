/**
 * Remembers, for a while, the ids of events that Kafka acknowledged only after their request
 * was already answered 503. The client will send those events again; without this memory the
 * retry would find nothing pending and put a second copy on the topic.
 */
export interface LateDeliveries {
  remember(eventId: string): void;
  has(eventId: string): boolean;
  size(): number;
}

export function createLateDeliveries(retentionMs: number, now: () => number = Date.now): LateDeliveries {
  // Insertion order is expiry order, so pruning only ever looks at the front.
  const expiries = new Map<string, number>();
  const prune = () => {
    const t = now();
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > t) break;
      expiries.delete(id);
    }
  };
  return {
    remember(eventId) {
      prune();
      expiries.delete(eventId);
      expiries.set(eventId, now() + retentionMs);
    },
    has(eventId) {
      prune();
      return expiries.has(eventId);
    },
    size() {
      prune();
      return expiries.size;
    },
  };
}
