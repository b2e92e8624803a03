import type { OutgoingMessage } from '@stuurwiel/kafka';

export type SendMany = (batches: { topic: string; messages: OutgoingMessage[] }[]) => Promise<void>;

interface Waiting {
  topic: string;
  messages: OutgoingMessage[];
  /** Bytes of the values, counted only when the group has a byte budget. */
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: while one produce request is in flight, later ones wait and then go out
 * together as a single request. With one request in flight (needed for ordering under the
 * idempotent producer) this turns many small round trips into few large ones. A group holds at
 * most `maxMessages` messages and `maxBytes` bytes of values, unless one request alone is larger.
 */
export function groupCommit(
  sendMany: SendMany,
  maxMessages = 20_000,
  maxBytes = Number.POSITIVE_INFINITY,
): (topic: string, messages: OutgoingMessage[]) => Promise<void> {
  const waiting: Waiting[] = [];
  let inFlight = false;

  const flush = async () => {
    inFlight = true;
    while (waiting.length > 0) {
      const group: Waiting[] = [];
      let size = 0;
      let bytes = 0;
      while (
        waiting.length > 0 &&
        (group.length === 0 ||
          (size + waiting[0]!.messages.length <= maxMessages && bytes + waiting[0]!.bytes <= maxBytes))
      ) {
        const next = waiting.shift()!;
        size += next.messages.length;
        bytes += next.bytes;
        group.push(next);
      }
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const w of group) {
        const list = byTopic.get(w.topic);
        if (list) for (const m of w.messages) list.push(m);
        else byTopic.set(w.topic, w.messages.slice());
      }
      try {
        await sendMany([...byTopic].map(([topic, messages]) => ({ topic, messages })));
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    inFlight = false;
  };

  return (topic, messages) =>
    new Promise<void>((resolve, reject) => {
      const bytes = Number.isFinite(maxBytes)
        ? messages.reduce((sum, m) => sum + (m.value === null ? 0 : Buffer.byteLength(m.value)), 0)
        : 0;
      waiting.push({ topic, messages, bytes, resolve, reject });
      if (!inFlight) void flush();
    });
}
