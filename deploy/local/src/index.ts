export * from './child-process.js';
export * from './free-port.js';
export * from './native-clickhouse.js';
export * from './native-kafka.js';
export * from './paths.js';
export * from './provider.js';
export * from './versions.js';
