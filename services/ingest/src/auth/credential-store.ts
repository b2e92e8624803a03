import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { UrlRules } from '../adapters/zgw/config.js';
import { type Credentials, parseCredentialsText } from './credentials.js';

/** What one look at the credentials file found. */
export type ReloadResult =
  | { ok: true; changed: boolean }
  | { ok: false; error: string /** False when the same broken text was reported before. */; fresh: boolean };

/**
 * The credentials in force. A file-backed store re-reads its file every `intervalMs`, so that a
 * revoked key stops working without a restart; a file that cannot be read or is invalid leaves
 * the last good credentials in force. Emits 'reload' with a ReloadResult after every look.
 */
export interface CredentialStore extends EventEmitter<{ reload: [ReloadResult] }> {
  current(): Credentials;
  /** Looks at the file now (the poll does the same). */
  reload(): ReloadResult;
  close(): void;
}

export interface WatchOptions {
  rules: UrlRules;
  /** How often the file is read; it is small, and polling also sees atomic renames and symlink swaps. */
  intervalMs: number;
}

interface Source {
  read(): string;
  parse(text: string): Credentials;
}

class Store extends EventEmitter<{ reload: [ReloadResult] }> implements CredentialStore {
  #credentials: Credentials;
  #timer: NodeJS.Timeout | undefined;
  #lastText: string | undefined;
  #lastError: string | undefined;

  constructor(
    credentials: Credentials,
    private readonly source?: Source,
    text?: string,
  ) {
    super();
    this.#credentials = credentials;
    this.#lastText = text;
  }

  current(): Credentials {
    return this.#credentials;
  }

  reload(): ReloadResult {
    const result = this.#look();
    this.emit('reload', result);
    return result;
  }

  #look(): ReloadResult {
    if (!this.source) return { ok: true, changed: false };
    let text: string;
    let next: Credentials;
    try {
      text = this.source.read();
      if (text === this.#lastText) return { ok: true, changed: false };
      next = this.source.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const fresh = message !== this.#lastError;
      this.#lastError = message;
      return { ok: false, error: message, fresh };
    }
    this.#lastText = text;
    this.#lastError = undefined;
    this.#credentials = next;
    return { ok: true, changed: true };
  }

  poll(intervalMs: number): this {
    this.#timer = setInterval(() => this.reload(), intervalMs);
    this.#timer.unref();
    return this;
  }

  close(): void {
    clearInterval(this.#timer);
  }
}

/** Credentials from `path`, re-read every `intervalMs`. Throws when the file is bad at the start. */
export function watchCredentials(path: string, options: WatchOptions): CredentialStore {
  const source: Source = {
    read() {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        throw new Error(`INGEST_CREDENTIALS_FILE ${path}: ${(error as Error).message}`);
      }
    },
    parse: (text) => parseCredentialsText(text, path, options.rules),
  };
  const text = source.read();
  return new Store(source.parse(text), source, text).poll(options.intervalMs);
}

/**
 * Credentials given directly (tests), used as given: tests pass fixtures a file would not hold
 * (short secrets, fake servers on http). They never change.
 */
export function fixedCredentials(credentials: Credentials): CredentialStore {
  return new Store(credentials);
}

/** A value built from the credentials in force, rebuilt only after a reload changed them. */
export function derived<T>(
  store: Pick<CredentialStore, 'current'>,
  build: (credentials: Credentials) => T,
): () => T {
  let built: { of: Credentials; value: T } | undefined;
  return () => {
    const credentials = store.current();
    if (built?.of !== credentials) built = { of: credentials, value: build(credentials) };
    return built.value;
  };
}
