import { createServer } from 'node:net';

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not allocate a port'));
      });
    });
  });
}

// Linux hands out 32768-60999 to outgoing connections (ip_local_port_range): a port found free
// there may be taken by a connection of any process before our server binds it. Ports below
// that range are only ever taken by listeners, which a probe sees.
const STABLE_LOW = 20_000;
const STABLE_HIGH = 32_767;
const handedOut = new Set<number>();

/** Keeps `ports` (chosen elsewhere, bound later) from being handed out by freeStablePort. */
export function reservePorts(ports: Iterable<number>): void {
  for (const port of ports) handedOut.add(port);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port for a server that starts some time after it is chosen (a configuration written first):
 * outside the range of outgoing connections, not yet handed out by this process, and free now.
 */
export async function freeStablePort(random: () => number = Math.random): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = STABLE_LOW + Math.floor(random() * (STABLE_HIGH - STABLE_LOW + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${STABLE_LOW} and ${STABLE_HIGH} after 200 tries`);
}
