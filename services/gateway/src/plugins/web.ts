import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { sharedPlugin } from '@stuurwiel/runtime';
import type { FastifyInstance } from 'fastify';

/** The pages of the one page app; each answers with its index.html. */
export const WEB_PAGES = ['/', '/wall', '/inbox', '/manager'] as const;

/** Where `npm run build` puts the pages: services/gateway/web/dist, beside src/ and dist/. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface WebOptions {
  dir: string;
}

/**
 * The web pages, served by the gateway so that they share its origin (no CORS, the same
 * socket.io). Hashed assets are cached for good; index.html never, so a new release shows at once.
 * Without a build, the pages say how to make one instead of a bare 404.
 */
export const webPlugin = sharedPlugin<WebOptions>(
  'stuurwiel-gateway-web',
  async (app: FastifyInstance, options) => {
    if (!existsSync(`${options.dir}/index.html`)) {
      app.log.warn({ dir: options.dir }, 'web pages not built; run npm run build');
      for (const page of WEB_PAGES) {
        app.get(page, { schema: { hide: true } }, async (_request, reply) =>
          reply
            .code(503)
            .type('text/plain; charset=utf-8')
            .send(`The web pages are not built (${options.dir}): run npm run build.`),
        );
      }
      return;
    }
    await app.register(fastifyStatic, {
      root: `${options.dir}/assets`,
      prefix: '/assets/',
      serve: true,
      index: false,
      wildcard: true,
      decorateReply: true,
      // Only the hashed bundle lives under /assets/; its names change with every build.
      setHeaders: (reply, path) => {
        if (!path.endsWith('index.html'))
          reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    });
    for (const page of WEB_PAGES) {
      app.get(page, { schema: { hide: true } }, async (_request, reply) =>
        reply
          .header('Cache-Control', 'no-cache')
          .sendFile('index.html', options.dir, { cacheControl: false }),
      );
    }
  },
);
