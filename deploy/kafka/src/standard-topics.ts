import { ALL_EVENT_TOPICS, TOPICS } from '@stuurwiel/schemas';
import type { TopicSpec } from './admin.js';

/**
 * The topics stuurwiel needs, with their settings: the KPI snapshot topic (and the other state topics)
 * is compacted, since its latest message per key is the current picture. Partitions bound how many aggregator replicas
 * can share the work (a municipality's messages all go to one partition).
 */
export function standardTopics(prefix = '', partitions = 6, replicationFactor = 1): TopicSpec[] {
  const small = Math.max(1, Math.ceil(partitions / 2));
  return [
    ...ALL_EVENT_TOPICS.map((t) => ({ topic: `${prefix}${t}`, partitions, replicationFactor })),
    { topic: `${prefix}${TOPICS.deadLetter}`, partitions: small, replicationFactor },
    { topic: `${prefix}${TOPICS.kpi}`, partitions, compacted: true, replicationFactor },
    // Compacted: the latest message per key is the current alert, deadline item or setting, so a
    // new gateway or alerting replica reads the whole present from the beginning.
    { topic: `${prefix}${TOPICS.alerts}`, partitions: small, compacted: true, replicationFactor },
    { topic: `${prefix}${TOPICS.deadlines}`, partitions, compacted: true, replicationFactor },
    { topic: `${prefix}${TOPICS.alertingConfig}`, partitions: small, compacted: true, replicationFactor },
  ];
}
