import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { WEB_PAGES, webPlugin } from '../../src/plugins/web.js';

const built = mkdtempSync(`${tmpdir()}/stuurwiel-web-`);
mkdirSync(`${built}/assets`);
writeFileSync(`${built}/index.html`, '<!doctype html><title>stuurwiel</title>');
writeFileSync(`${built}/assets/index-abc123.js`, 'console.log(1)');
afterAll(() => rmSync(built, { recursive: true, force: true }));

async function serve(dir: string) {
  const app = Fastify();
  await app.register(webPlugin, { dir });
  return app;
}

describe('the web pages', () => {
  it('answer every page path with index.html, never cached', async () => {
    const app = await serve(built);
    for (const page of WEB_PAGES) {
      const response = await app.inject(page);
      expect(response.statusCode, page).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<title>stuurwiel</title>');
    }
    await app.close();
  });

  it('serve the hashed assets cached for good, and nothing outside the assets folder', async () => {
    const app = await serve(built);
    const asset = await app.inject('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject('/assets/../index.html')).statusCode).not.toBe(200);
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
    await app.close();
  });

  it('say how to build them when they were not built', async () => {
    const app = await serve(`${built}/nothing-here`);
    const response = await app.inject('/wall');
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build');
    await app.close();
  });
});
