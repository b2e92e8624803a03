/**
 * One municipality's Zaken and Catalogi documents, as the simulator's ZGW server serves them.
 * Documents hold absolute URLs (as Open Zaak's do), below
 * `<server>/<tenant>/zaken/api/v1` and `<server>/<tenant>/catalogi/api/v1`.
 */
export class ZgwStore {
  readonly #documents = new Map<string, Record<string, unknown>>();
  readonly zakenApiUrl: string;
  readonly catalogiApiUrl: string;

  constructor(
    readonly serverUrl: string,
    readonly tenant: string,
    /** Client id and secret the ingest adapter signs its JWT with. */
    readonly credentials: { clientId: string; secret: string },
  ) {
    const root = serverUrl.replace(/\/+$/, '');
    this.zakenApiUrl = `${root}/${tenant}/zaken/api/v1`;
    this.catalogiApiUrl = `${root}/${tenant}/catalogi/api/v1`;
  }

  /** Stores a document under its own `url`. */
  put(document: Record<string, unknown> & { url: string }): void {
    this.#documents.set(new URL(document.url).pathname, document);
  }

  /** The document at a path, e.g. /GM9901/zaken/api/v1/zaken/<uuid>. */
  get(path: string): Record<string, unknown> | undefined {
    return this.#documents.get(path.replace(/\/+$/, ''));
  }

  update(url: string, change: Record<string, unknown>): void {
    const path = new URL(url).pathname;
    const current = this.#documents.get(path);
    if (!current) throw new Error(`no ZGW document at ${url}`);
    this.#documents.set(path, { ...current, ...change });
  }

  zaakUrl(uuid: string): string {
    return `${this.zakenApiUrl}/zaken/${uuid}`;
  }
}
