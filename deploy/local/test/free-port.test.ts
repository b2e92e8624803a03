import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freeStablePort, reservePorts } from '../src/free-port.js';

/** A random source that yields `ports` (of the stable range) first, then anything. */
function pick(...ports: number[]) {
  const values = ports.map((p) => (p - 20_000 + 0.5) / (32_767 - 20_000 + 1));
  return () => values.shift() ?? Math.random();
}

describe('a port chosen now for a server that binds it later', () => {
  it('lies below the range the kernel gives outgoing connections, and is never handed out twice', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const port = await freeStablePort();
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
      expect(seen.has(port)).toBe(false);
      seen.add(port);
    }
    const [first] = seen;
    const next = await freeStablePort(pick(first!));
    expect(next).not.toBe(first);
  });

  it('skips a port that is listened on, and one reserved for a server still to start', async () => {
    // Ports this process never handed out: one a server listens on, one reserved.
    const taken = createServer();
    let listened = 0;
    for (let port = 27_000; listened === 0; port++) {
      listened = await new Promise<number>((resolve) => {
        taken.once('error', () => resolve(0));
        taken.listen(port, '127.0.0.1', () => resolve(port));
      });
    }
    const reserved = listened + 1;
    reservePorts([reserved]);
    try {
      expect(await freeStablePort(pick(listened))).not.toBe(listened);
      expect(await freeStablePort(pick(reserved))).not.toBe(reserved);
    } finally {
      taken.close();
    }
  });
});
