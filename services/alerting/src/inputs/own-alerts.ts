import type { IncomingMessage } from '@stuurwiel/kafka';
import type { AlertMessage } from '@stuurwiel/schemas';
import type { Kafka } from 'kafkajs';
import { decodeOwnAlert } from './decode.js';
import { createInputReader } from './reader.js';

/**
 * The alerts as last published on alerts.v1 (compacted: the latest message per alert), read once
 * at start up to the end the topic had then, so the alert book goes on where it stopped.
 */
export async function readOwnAlerts(options: {
  kafka: Kafka;
  topic: string;
  groupPrefix: string;
  onInvalid: (message: IncomingMessage, reason: string) => void;
  onFatal: (error: unknown) => void;
}): Promise<AlertMessage[]> {
  const alerts = new Map<string, AlertMessage>();
  let failed: unknown;
  const reader = createInputReader({
    kafka: options.kafka,
    topics: [{ name: 'alerts', topic: options.topic, decode: decodeOwnAlert }],
    target: alerts,
    groupPrefix: `${options.groupPrefix}-restore`,
    onInvalid: (_input, message, reason) => options.onInvalid(message, reason),
    onFatal: (error) => {
      failed = error;
      options.onFatal(error);
    },
  });
  await reader.start();
  try {
    while (reader.behind().length > 0) {
      if (failed !== undefined) throw failed;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await reader.stop();
  }
  return [...alerts.values()];
}
