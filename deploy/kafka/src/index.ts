export * from './admin.js';
export * from './client.js';
export * from './consumer.js';
export * from './producer.js';
