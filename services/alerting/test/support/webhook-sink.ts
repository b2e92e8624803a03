import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AlertWebhookPayload, alertWebhookPayload } from '@stuurwiel/schemas';
import { SIGNATURE_HEADER, verifySignature } from '../../src/receivers/index.js';

export interface WebhookDelivery {
  payload: AlertWebhookPayload;
  /** verifySignature's verdict on the request as it came. */
  signature: { ok: true } | { ok: false; reason: string };
  idempotencyKey: string | undefined;
}

export interface WebhookSink {
  url: string;
  /** Every request answered 2xx, in order of arrival (repeats of one notification id included). */
  deliveries: WebhookDelivery[];
  /** Requests answered 503 while down. */
  refused: number;
  /** While down, every request is answered 503 (the receiver is "down for a while"). */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** A webhook receiver for tests: a real HTTP server that checks each request's signature. */
export async function startWebhookSink(secret: string): Promise<WebhookSink> {
  let down = false;
  const sink: Omit<WebhookSink, 'url' | 'close'> & { refused: number } = {
    deliveries: [],
    refused: 0,
    setDown: (value) => {
      down = value;
    },
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (down) {
        sink.refused++;
        response.writeHead(503).end('down');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const header = request.headers[SIGNATURE_HEADER.toLowerCase()];
      const check = verifySignature(secret, Array.isArray(header) ? header[0] : header, body, 300);
      const parsed = alertWebhookPayload.safeParse(JSON.parse(body));
      if (!parsed.success) {
        response.writeHead(400).end(parsed.error.message);
        return;
      }
      const key = request.headers['idempotency-key'];
      sink.deliveries.push({
        payload: parsed.data,
        signature: check.ok ? { ok: true } : check,
        idempotencyKey: Array.isArray(key) ? key[0] : key,
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  }) as WebhookSink;
}
