/** What identifies an event for ingest's memories: event ids are unique within a tenant only. */
export interface EventIdentity {
  tenant: string;
  event_id: string;
}

/**
 * The key under which an event is remembered. Tenant codes never contain a space, so two
 * tenants' events with the same id get different keys and one cannot shadow the other.
 */
export function identityKey(event: EventIdentity): string {
  return `${event.tenant} ${event.event_id}`;
}

/**
 * Remembers, for a while, the events that Kafka acknowledged only after their request was
 * already answered 503. The client will send those events again; without this memory the
 * retry would find nothing pending and put a second copy on the topic.
 */
export interface LateDeliveries {
  remember(event: EventIdentity): void;
  has(event: EventIdentity): boolean;
  size(): number;
}

export function createLateDeliveries(retentionMs: number, now: () => number = Date.now): LateDeliveries {
  // Insertion order is expiry order, so pruning only ever looks at the front.
  const expiries = new Map<string, number>();
  const prune = () => {
    const t = now();
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > t) break;
      expiries.delete(key);
    }
  };
  return {
    remember(event) {
      prune();
      const key = identityKey(event);
      expiries.delete(key);
      expiries.set(key, now() + retentionMs);
    },
    has(event) {
      prune();
      return expiries.has(identityKey(event));
    },
    size() {
      prune();
      return expiries.size;
    },
  };
}
