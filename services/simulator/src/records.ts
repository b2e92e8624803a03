/** What the generator hands to the senders: each source's own format, at the instant it happens. */
export type Outgoing =
  /** One Qmatic-style event (POST /v1/sources/qmatic/events). */
  | { source: 'qmatic'; at: number; body: Record<string, unknown> }
  /** One Asterisk queue_log line, appended to the file the tail follower reads. */
  | { source: 'asterisk'; at: number; line: string }
  /** One ZGW notification (POST /v1/sources/zgw/notifications). */
  | { source: 'zgw'; at: number; body: Record<string, unknown> }
  /** One survey response (POST /v1/sources/survey). */
  | { source: 'survey'; at: number; body: Record<string, unknown> };

export type SourceName = Outgoing['source'];
export const SOURCES: readonly SourceName[] = ['qmatic', 'asterisk', 'zgw', 'survey'];

/** Records waiting for their instant: a model decides a visit's end when it is called. */
export class Timeline {
  readonly #items: Outgoing[] = [];

  add(record: Outgoing): void {
    // Binary search for the first later item keeps equal instants in the order they were added.
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#items[mid]!.at <= record.at) lo = mid + 1;
      else hi = mid;
    }
    this.#items.splice(lo, 0, record);
  }

  /** Removes and returns every record at or before `until`, in time order. */
  takeUntil(until: number): Outgoing[] {
    let n = 0;
    while (n < this.#items.length && this.#items[n]!.at <= until) n++;
    return this.#items.splice(0, n);
  }

  get size(): number {
    return this.#items.length;
  }
}
