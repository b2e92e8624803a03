import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alertWebhookPayload } from '@stuurwiel/schemas';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGNATURE_HEADER,
  signatureHeader,
  verifySignature,
  WebhookError,
  webhookReceiver,
} from '../../src/receivers/index.js';
import { notification } from './fixtures.js';

const SECRET = 'test-secret-of-some-length';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  verdict: ReturnType<typeof verifySignature>;
}

/** A webhook endpoint as a customer would build it: verifies the signature on the raw body. */
function endpoint() {
  const received: Received[] = [];
  let answer: (res: ServerResponse) => void = (res) => res.writeHead(204).end();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const header = req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined;
      received.push({ headers: req.headers, body, verdict: verifySignature(SECRET, header, body, 300) });
      answer(res);
    });
  });
  return {
    received,
    server,
    answerWith(fn: (res: ServerResponse) => void) {
      answer = fn;
    },
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
  };
}

const never = new AbortController().signal;

describe('webhook receiver', () => {
  const hook = endpoint();
  beforeAll(() => new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve)));
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        hook.server.close(() => resolve());
        // fetch keeps connections alive; close waits for none of them.
        hook.server.closeAllConnections();
      }),
  );
  afterEach(() => {
    hook.received.length = 0;
    hook.answerWith((res) => res.writeHead(204).end());
  });
  const receiver = (timeoutMs = 5000) =>
    webhookReceiver({ name: 'ops', url: hook.url(), secret: SECRET, timeoutMs });

  it('POSTs the notification as version 1 JSON with a signature the endpoint verifies', async () => {
    const n = notification();
    await receiver().send(n, never);
    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    expect(request?.verdict.ok).toBe(true);
    expect(request?.headers['content-type']).toBe('application/json');
    const payload = alertWebhookPayload.parse(JSON.parse(request!.body));
    expect(payload).toEqual({
      version: 1,
      notification_id: n.notification_id,
      tenant: 'GM0363',
      group_key: n.group_key,
      group_labels: n.group_labels,
      receiver: 'ops',
      reason: 'firing',
      created_at: n.created_at,
      alerts: n.alerts,
    });
  });

  it('sends the notification id as Idempotency-Key, the same on a second send of one notification', async () => {
    const n = notification();
    await receiver().send(n, never);
    await receiver().send(n, never);
    expect(hook.received.map((r) => r.headers['idempotency-key'])).toEqual([
      n.notification_id,
      n.notification_id,
    ]);
  });

  it('throws with the status when the endpoint answers non-2xx, so the retry stage retries', async () => {
    hook.answerWith((res) => res.writeHead(503).end('busy'));
    const error = await receiver()
      .send(notification(), never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookError);
    expect(error).toMatchObject({ status: 503, message: 'webhook ops answered 503: busy' });
  });

  it('throws when nobody listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = webhookReceiver({
      name: 'ops',
      url: `http://127.0.0.1:${port}/`,
      secret: SECRET,
      timeoutMs: 5000,
    });
    await expect(down.send(notification(), never)).rejects.toThrow();
  });

  it('gives up after its timeout when the endpoint never answers', async () => {
    const stuck: ServerResponse[] = [];
    hook.answerWith((res) => stuck.push(res));
    await expect(receiver(200).send(notification(), never)).rejects.toMatchObject({ name: 'TimeoutError' });
    for (const res of stuck) res.destroy();
  });

  it('stops when the caller aborts', async () => {
    const stuck: ServerResponse[] = [];
    hook.answerWith((res) => stuck.push(res));
    const controller = new AbortController();
    const sending = receiver().send(notification(), controller.signal);
    await expect.poll(() => stuck.length).toBe(1);
    controller.abort(new Error('shutting down'));
    await expect(sending).rejects.toThrow('shutting down');
    for (const res of stuck) res.destroy();
  });
});

describe('verifySignature', () => {
  const body = '{"version":1}';
  const t = 1_780_000_000;
  const at = (seconds: number) => seconds * 1000;

  it('accepts the header signatureHeader makes for the same body', () => {
    expect(verifySignature(SECRET, signatureHeader(SECRET, body, t), body, 300, at(t + 10))).toEqual({
      ok: true,
      timestamp: t,
    });
  });

  it('refuses a replay once the timestamp is older than the tolerance', () => {
    expect(verifySignature(SECRET, signatureHeader(SECRET, body, t), body, 300, at(t + 301))).toMatchObject({
      ok: false,
      reason: `timestamp ${t} is outside the tolerance of 300 s`,
    });
  });

  it('refuses a changed body, another secret, and a timestamp moved to now', () => {
    const header = signatureHeader(SECRET, body, t);
    expect(verifySignature(SECRET, header, '{"version":2}', 300, at(t))).toMatchObject({ ok: false });
    expect(verifySignature('another-secret-entirely', header, body, 300, at(t))).toMatchObject({ ok: false });
    const moved = header.replace(`t=${t}`, `t=${t + 1000}`);
    expect(verifySignature(SECRET, moved, body, 300, at(t + 1000))).toMatchObject({
      ok: false,
      reason: 'no signature matches the body',
    });
  });

  it('refuses a missing or malformed header with the reason', () => {
    expect(verifySignature(SECRET, undefined, body, 300, at(t))).toMatchObject({
      reason: `no ${SIGNATURE_HEADER} header`,
    });
    expect(verifySignature(SECRET, 'v1=abc', body, 300, at(t))).toMatchObject({
      reason: 'no timestamp (t=<unix seconds>) in the header',
    });
    expect(verifySignature(SECRET, `t=${t}`, body, 300, at(t))).toMatchObject({
      reason: 'no v1 signature in the header',
    });
  });

  it('accepts any one of several v1 signatures, as during a secret rotation', () => {
    const old = signatureHeader('the-old-secret-value', body, t);
    const current = signatureHeader(SECRET, body, t).split(',')[1];
    expect(verifySignature(SECRET, `${old},${current}`, body, 300, at(t))).toMatchObject({ ok: true });
  });
});
