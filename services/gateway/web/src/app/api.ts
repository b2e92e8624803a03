import type { z } from 'zod';

/** A refused or failed call, with the gateway's reason (naming the field) for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    readonly issues: readonly { field: string | null; reason: string }[] = [],
  ) {
    super(reason);
  }
}

export type Query = Record<string, string | number | readonly string[] | undefined>;

function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function refusalOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    reason?: string;
    issues?: { field: string | null; reason: string }[];
  };
  return new ApiError(
    response.status,
    body.error ?? `http_${response.status}`,
    body.reason ?? response.statusText,
    body.issues ?? [],
  );
}

/**
 * The gateway's REST API for one caller (a token or a wall-screen key). Every answer is parsed
 * with the schema of `@stuurwiel/schemas` it is declared with: a page never shows what it did not
 * understand.
 */
export function createApi(credential: string) {
  const headers = { Authorization: `Bearer ${credential}` };
  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    options: { query?: Query; body?: unknown } = {},
  ): Promise<z.output<S>> {
    const response = await fetch(url(path, options.query), {
      method,
      headers: options.body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    if (!response.ok) throw await refusalOf(response);
    const body = response.status === 204 ? undefined : await response.json();
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ApiError(0, 'bad_response', `${method} ${path}: ${first?.path.join('.')}: ${first?.message}`);
    }
    return parsed.data;
  }
  return {
    get: <S extends z.ZodType>(path: string, schema: S, query?: Query) =>
      call('GET', path, schema, query === undefined ? {} : { query }),
    send: <S extends z.ZodType>(
      method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      path: string,
      schema: S,
      body?: unknown,
    ) => call(method, path, schema, body === undefined ? {} : { body }),
    /** A file the gateway makes (CSV, XLSX), saved under the name it gives. */
    async download(path: string, query: Query, fallbackName: string): Promise<void> {
      const response = await fetch(url(path, query), { headers });
      if (!response.ok) throw await refusalOf(response);
      const disposition = response.headers.get('Content-Disposition') ?? '';
      const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
      saveBlob(await response.blob(), name);
    },
  };
}
export type Api = ReturnType<typeof createApi>;

/** Hands a file to the browser's downloads. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
