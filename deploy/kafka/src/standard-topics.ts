import { ALL_EVENT_TOPICS, TOPICS } from '@stuurwiel/schemas';
import type { TopicSpec } from './admin.js';

/**
 * The topics stuurwiel needs, with their settings: the KPI snapshot topic is compacted, since its
 * latest message per key is the current picture. Partitions bound how many aggregator replicas
 * can share the work (a municipality's messages all go to one partition).
 */
export function standardTopics(prefix = '', partitions = 6, replicationFactor = 1): TopicSpec[] {
  const small = Math.max(1, Math.ceil(partitions / 2));
  return [
    ...ALL_EVENT_TOPICS.map((t) => ({ topic: `${prefix}${t}`, partitions, replicationFactor })),
    { topic: `${prefix}${TOPICS.deadLetter}`, partitions: small, replicationFactor },
    { topic: `${prefix}${TOPICS.kpi}`, partitions, compacted: true, replicationFactor },
    { topic: `${prefix}${TOPICS.alerts}`, partitions: small, replicationFactor },
  ];
}
