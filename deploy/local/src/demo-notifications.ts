import { randomBytes } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The environment variable alerting reads the demo receiver's signing secret from. */
const SECRET_ENV = 'ALERTING_WEBHOOK_SECRET_DEMO';

export interface NotificationLog {
  /** Environment for alerting: its receivers and routes files and the webhook's secret. */
  alertingEnv: Record<string, string>;
  /** Notifications received so far. */
  count(): number;
  close(): Promise<void>;
}

/**
 * The demo's receiver of alert notifications: a webhook on the loopback interface that appends
 * each notification alerting sends it to `logFile` (one JSON line each), with a receivers file and
 * a routes file that send every alert of `tenants` there. A real installation names its own
 * receivers (ALERTING_RECEIVERS_FILE, ALERTING_ROUTES_FILE; services/alerting/README.md).
 */
export async function startNotificationLog(options: {
  dir: string;
  logFile: string;
  tenants: readonly string[];
}): Promise<NotificationLog> {
  let received = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received++;
      appendFileSync(options.logFile, `${Buffer.concat(chunks).toString('utf8').replace(/\n/g, ' ')}\n`);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiversFile = `${options.dir}/alerting-receivers.json`;
  const routesFile = `${options.dir}/alerting-routes.json`;
  const receiver = 'demo-log';
  writeFileSync(
    receiversFile,
    `${JSON.stringify(
      {
        receivers: [
          {
            type: 'webhook',
            name: receiver,
            url: `http://127.0.0.1:${port}/notifications`,
            secret_env: SECRET_ENV,
          },
        ],
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    routesFile,
    `${JSON.stringify(
      {
        routes: options.tenants.map((tenant) => ({
          name: `demo-${tenant.toLowerCase()}`,
          tenant,
          receivers: [receiver],
          group_wait: '30s',
          group_interval: '5m',
          repeat_interval: '4h',
        })),
      },
      null,
      2,
    )}\n`,
  );
  return {
    alertingEnv: {
      ALERTING_RECEIVERS_FILE: receiversFile,
      ALERTING_ROUTES_FILE: routesFile,
      [SECRET_ENV]: randomBytes(24).toString('base64url'),
    },
    count: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
