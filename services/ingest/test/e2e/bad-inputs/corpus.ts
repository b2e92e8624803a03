import type { FakeZgwServer } from '../../zgw/fake-zgw-server.js';

/** What some inputs need from the test: the fake Zaken and Catalogi APIs. */
export interface CorpusEnv {
  zgw: FakeZgwServer;
}

/** One bad input and what the real ingest endpoint must answer. */
export interface BadInput {
  name: string;
  url: string;
  /** The body, or how to make it once the environment (server URLs) is known. */
  body: string | ((env: CorpusEnv) => string);
  /** Arranges the environment before the request (e.g. makes an API fail), undone after. */
  arrange?: (env: CorpusEnv) => () => void;
  contentType?: string;
  /** Which key to send: the tenant's own (default), the other tenant's, none, or a wrong one. */
  key?: 'own' | 'other' | 'none' | 'wrong' | 'canonical-only';
  status: number;
  /** For whole-request errors: the `reason` field, exactly or by pattern. */
  reason?: string | RegExp;
  /** For 202/422: every rejected record's index, path and reason. */
  rejected?: { index: number; path: string; reason: string | RegExp }[];
  /** Whether the input (record or whole body) must be on the dead-letter topic. */
  deadLetter: boolean;
}
