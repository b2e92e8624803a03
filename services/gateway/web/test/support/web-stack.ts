import type { AddressInfo } from 'node:net';
import {
  buildApp as buildGateway,
  generateWallscreenKey,
  loadConfig as loadGatewayConfig,
  signToken,
} from '@stuurwiel/gateway';
import { freePort } from '@stuurwiel/infra';
import type { Clock, ServiceApp } from '@stuurwiel/runtime';
import type { Role } from '@stuurwiel/schemas';
import { type ScenarioStack, startStack, TENANT } from '../../../../alerting/test/support/stack.js';
import { buildWeb } from './web-build.js';

export { TENANT };

const SECRET = 'web-test-secret-that-is-long-enough-for-hs256';
const ISSUER = 'stuurwiel-web-test';
const AUDIENCE = 'stuurwiel-gateway';

/**
 * The real stack of a browser test: ingest, the aggregator and (when started) alerting on the
 * run's Kafka and ClickHouse (alerting's scenario stack), plus the gateway serving the pages
 * freshly built, on a port of its own that stays the same when the gateway is stopped and
 * started again (the connection notice's test).
 */
export interface WebStack {
  stack: ScenarioStack;
  /** http://127.0.0.1:<port> of the gateway (pages, API, socket.io). */
  url: string;
  /** A wall-screen key of every location of TENANT, and one of `location` given at start. */
  wallKeyAll: string;
  wallKeyOne: string;
  /** A token of TENANT for `role` (teams and locations: all unless given). */
  token(role: Role, scope?: { teams?: string[]; locations?: string[] }): Promise<string>;
  stopGateway(): Promise<void>;
  startGateway(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebStack(options: {
  name: string;
  clock: Clock;
  /** The location of `wallKeyOne`. */
  location: string;
  receivers?: unknown;
  routes?: unknown;
}): Promise<WebStack> {
  const stack = await startStack({
    name: options.name,
    clock: options.clock,
    ...(options.receivers === undefined ? {} : { receivers: options.receivers }),
    ...(options.routes === undefined ? {} : { routes: options.routes }),
  });
  const webDir = await buildWeb();
  const port = await freePort();
  const all = generateWallscreenKey('screen-all', TENANT, '*');
  const one = generateWallscreenKey('screen-one', TENANT, options.location);
  const env = {
    KAFKA_BROKERS: stack.infra.kafka.brokers.join(','),
    KAFKA_TOPIC_PREFIX: stack.prefix,
    CLICKHOUSE_URL: stack.infra.clickhouse.url,
    CLICKHOUSE_USER: stack.infra.clickhouse.username,
    CLICKHOUSE_PASSWORD: stack.infra.clickhouse.password,
    CLICKHOUSE_DATABASE: stack.db.database,
    LOG_LEVEL: 'warn',
    GATEWAY_JWT_SECRET: SECRET,
    GATEWAY_JWT_ISSUER: ISSUER,
    GATEWAY_JWT_AUDIENCE: AUDIENCE,
    GATEWAY_WALLSCREEN_KEYS: `${all.entry},${one.entry}`,
    GATEWAY_WEB_DIR: webDir,
  };
  let gateway: ServiceApp | undefined;
  const startGateway = async () => {
    const app = buildGateway(loadGatewayConfig(env), {
      clock: options.clock,
      onFatal: (error) => {
        throw error;
      },
    });
    await app.listen({ port, host: '127.0.0.1' });
    await app.ready();
    gateway = app;
    // Ready once its feed caught up with kpi.v1 and alerts.v1.
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stopGateway = async () => {
    await gateway?.close();
    gateway = undefined;
  };
  await startGateway();
  return {
    stack,
    url: `http://127.0.0.1:${port}`,
    wallKeyAll: all.key,
    wallKeyOne: one.key,
    token: (role, scope = {}) =>
      signToken(
        { sub: `web-test-${role}`, tenant: TENANT, role, ...scope },
        { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, expiresIn: '2h' },
      ),
    stopGateway,
    startGateway,
    async close() {
      await stopGateway();
      await stack.close();
    },
  };
}
