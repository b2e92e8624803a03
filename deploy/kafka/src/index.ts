export * from './admin.js';
export * from './client.js';
export * from './co-partitioned-assigner.js';
export * from './config.js';
export * from './consumer.js';
export * from './partitioner.js';
export * from './producer.js';
export * from './standard-topics.js';
