/**
 * Versions of the infrastructure we test against. Kafka 4.1 is the newest line checked with
 * kafkajs 2.2.4 here (idempotent produce, consumer groups, offset commits, admin): kafkajs
 * negotiates API versions that Kafka 4 still serves. The Confluent image 8.1 carries Kafka 4.1.
 */
export const KAFKA_VERSION = '4.1.1';
export const KAFKA_IMAGE = 'confluentinc/cp-kafka:8.1.0';
export const CLICKHOUSE_IMAGE = 'clickhouse/clickhouse-server:25.8';
