import { request } from 'node:http';

export interface PostAnswer {
  status: number;
  body: string;
}

/**
 * POSTs `body` with node:http. A body larger than `bodyLimit` is announced by its length and
 * only written if no answer comes first: ingest answers 413 on the length alone and closes the
 * connection, and a client still writing then may lose that answer to the reset (fetch reports
 * a network error instead of the 413).
 */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string | Buffer,
  bodyLimit: number,
): Promise<PostAnswer> {
  const length = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(length) } },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          req.destroy();
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (length <= bodyLimit) {
      req.end(body);
      return;
    }
    req.flushHeaders();
    setTimeout(() => {
      if (!answered) req.end(body);
    }, 2000).unref();
  });
}
