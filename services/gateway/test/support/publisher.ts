import { type AlertingConfigMessage, alertingConfigKey } from '@stuurwiel/schemas';
import type { SettingsPublisher } from '../../src/settings/index.js';
import type { NormEvent } from '../../src/settings/norms.js';

/** What the routes handed on, in order: config messages (null value: a tombstone) and norm events. */
export interface RecordingPublisher extends SettingsPublisher {
  config: { key: string; value: AlertingConfigMessage | null }[];
  norms: NormEvent[];
}

export function recordingPublisher(): RecordingPublisher {
  const config: RecordingPublisher['config'] = [];
  const norms: NormEvent[] = [];
  return {
    config,
    norms,
    publishConfig: async (m) => void config.push({ key: alertingConfigKey(m), value: m }),
    deleteConfig: async (m) => void config.push({ key: alertingConfigKey(m), value: null }),
    publishNorm: async (e) => void norms.push(e),
  };
}
