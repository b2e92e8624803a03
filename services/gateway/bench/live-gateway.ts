// The gateway process of `npm run bench:live`: the app with live push, as the gateway's main will
// register it, with HS256 tokens of a bench secret (BENCH_JWT_SECRET) in place of the identity
// provider's. Run with `node --import tsx services/gateway/bench/live-gateway.ts`.
import { buildServiceApp, runService } from '@stuurwiel/runtime';
import { pushPlugin } from '../src/push/index.js';
import { verifyHs256 } from '../test/push/support/fixtures.js';

const secret = new TextEncoder().encode(process.env.BENCH_JWT_SECRET ?? '');
if (secret.length < 32) throw new Error('BENCH_JWT_SECRET: at least 32 characters');

const app = buildServiceApp({ name: 'gateway', logLevel: 'warn' });
await app.register(pushPlugin, {
  authenticate: verifyHs256(secret),
  kafka: {
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
  },
});
await runService({ app, port: Number(process.env.PORT), host: '127.0.0.1' });
