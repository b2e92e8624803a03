import { Kafka, type LogEntry, logLevel, type SASLOptions } from 'kafkajs';

/** TLS and SASL of the connections (see config.ts for the environment that sets them). */
export interface KafkaSecurity {
  /** Connect with TLS; PEM texts, each optional (no `ca`: the system's CAs). */
  tls?: { ca?: string; cert?: string; key?: string };
  sasl?: { mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string };
}

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  security?: KafkaSecurity;
  /** Receives the client's warnings and errors as structured entries. */
  log?: (level: 'warn' | 'error', message: string, extra: Record<string, unknown>) => void;
  /**
   * Keep reconnecting for ever instead of failing after a few attempts. A durable producer needs
   * this: if a send gave up while the broker was away, the broker may still have written it,
   * and only the same producer retrying the same sequence number lets the broker drop the copy.
   */
  retryForever?: boolean;
}

// kafkajs is the requested client but unmaintained since 2023; everything outside this folder
// talks to our producer and consumer interfaces only, so that a compatible client can replace it.
export function createKafka(options: KafkaOptions): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  const sink = options.log;
  const { tls, sasl } = options.security ?? {};
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...(tls ? { ssl: { ...tls } } : {}),
    ...(sasl ? { sasl: saslOptions(sasl) } : {}),
    logLevel: logLevel.WARN,
    retry: options.retryForever
      ? { initialRetryTime: 100, maxRetryTime: 5_000, retries: Number.MAX_SAFE_INTEGER }
      : { initialRetryTime: 200, retries: 8 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        if (!sink) return;
        const { message, ...extra } = log;
        sink(level === logLevel.ERROR ? 'error' : 'warn', message, extra);
      },
  });
}

function saslOptions(sasl: NonNullable<KafkaSecurity['sasl']>): SASLOptions {
  const mechanism = sasl.mechanism === 'SCRAM-SHA-256' ? 'scram-sha-256' : 'scram-sha-512';
  return { mechanism, username: sasl.username, password: sasl.password };
}
