import type { EventSink } from '../../src/kafka/event-sink.js';

/** Ingest config for HTTP-layer tests: no broker is reached (the sink is replaced). */
export const httpTestEnv = {
  KAFKA_BROKERS: '127.0.0.1:1',
  INGEST_CREDENTIALS_FILE: '(given directly)',
  LOG_LEVEL: 'silent',
};

/** A sink that acknowledges at once, for tests of what happens before Kafka. */
export const acceptingSink: EventSink = {
  publish: async () => {},
  pendingEvents: () => 0,
  checkReachable: async () => {},
  close: async () => {},
};
