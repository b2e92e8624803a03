import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TailState, tailStateSchema } from '../../src/tail/state.js';

export interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

/**
 * The receiving end: a real HTTP server on a free port. Lines count as delivered only when the
 * answer was 202 or 422, as for the ingest service.
 */
export async function startReceiver(
  answer: (request: ReceivedRequest, n: number) => Answer | Promise<Answer> = () => ({ status: 202 }),
) {
  const requests: ReceivedRequest[] = [];
  const delivered: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const request: ReceivedRequest = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status: 0,
      };
      const reply = await answer(request, requests.length + 1);
      request.status = reply.status;
      requests.push(request);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (reply.status === 202 || reply.status === 422) {
        delivered.push(...request.body.split('\n').filter((l) => l !== ''));
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { accepted: 0, rejected: [] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'stuurwiel-tail-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function readState(path: string): Promise<TailState> {
  return tailStateSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

/** `n` queue_log-like lines with a prefix, each unique. */
export function lines(prefix: string, n: number, from = 1): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `17724384${String(from + i).padStart(2, '0')}|${prefix}.${from + i}|q|NONE|ABANDON|1|1|${from + i}`,
  );
}
