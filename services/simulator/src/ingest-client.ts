/**
 * Posts records to ingest's endpoints the way a source's connector would: one request per batch,
 * the tenant's API key as Bearer token, a retry after 429 and 503 (ingest says when), and the
 * rejected records counted from ingest's answer (they are in the dead-letter topic).
 */
export interface PostResult {
  status: number;
  events: number;
  rejected: number;
}

export interface IngestClientOptions {
  url: string;
  /** Most records per request. */
  batchSize?: number;
  /** Attempts per request for 429 / 503 / network errors before giving up on the batch. */
  attempts?: number;
  log?: (message: string) => void;
  /** Aborting it ends the request in flight and gives up retrying (the simulator is stopping). */
  stop?: AbortSignal;
}

export const ENDPOINTS = {
  canonical: '/v1/events',
  qmatic: '/v1/sources/qmatic/events',
  zgw: '/v1/sources/zgw/notifications',
  survey: '/v1/sources/survey',
} as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class IngestClient {
  readonly #url: string;
  readonly #batchSize: number;
  readonly #attempts: number;
  readonly #log: (message: string) => void;
  readonly #stop: AbortSignal | undefined;

  constructor(options: IngestClientOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    this.#batchSize = options.batchSize ?? 500;
    this.#attempts = options.attempts ?? 8;
    this.#log = options.log ?? (() => {});
    this.#stop = options.stop;
  }

  /** Posts the records in batches, in order; returns one result per batch. */
  async post(endpoint: keyof typeof ENDPOINTS, apiKey: string, records: unknown[]): Promise<PostResult[]> {
    const results: PostResult[] = [];
    for (let i = 0; i < records.length && !this.#stop?.aborted; i += this.#batchSize) {
      results.push(await this.#postBatch(endpoint, apiKey, records.slice(i, i + this.#batchSize)));
    }
    return results;
  }

  async #postBatch(endpoint: keyof typeof ENDPOINTS, apiKey: string, batch: unknown[]): Promise<PostResult> {
    const body = JSON.stringify(batch);
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure = '';
      try {
        response = await fetch(`${this.#url}${ENDPOINTS[endpoint]}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body,
          signal: this.#stop
            ? AbortSignal.any([this.#stop, AbortSignal.timeout(30_000)])
            : AbortSignal.timeout(30_000),
        });
      } catch (error) {
        failure = (error as Error).message;
      }
      if (response && response.status !== 429 && response.status !== 503) {
        const text = await response.text();
        if (response.status === 202 || response.status === 422) {
          const answer = JSON.parse(text) as { events?: number; rejected?: unknown[] };
          return {
            status: response.status,
            events: answer.events ?? 0,
            rejected: answer.rejected?.length ?? 0,
          };
        }
        // Anything else (401, 403, 413, 400) is a fault of the simulator's setup, not worth a retry.
        this.#log(`${endpoint}: ingest answered ${response.status}: ${text.slice(0, 300)}`);
        return { status: response.status, events: 0, rejected: batch.length };
      }
      if (this.#stop?.aborted) return { status: 0, events: 0, rejected: 0 };
      if (attempt >= this.#attempts) {
        this.#log(
          `${endpoint}: gave up on a batch of ${batch.length} after ${attempt} attempts (${failure || response?.status})`,
        );
        return { status: response?.status ?? 0, events: 0, rejected: 0 };
      }
      const retryAfter = Number(response?.headers.get('retry-after'));
      await sleep(
        Number.isFinite(retryAfter) && retryAfter > 0
          ? retryAfter * 1000
          : Math.min(5000, 200 * 2 ** attempt),
      );
    }
  }
}
