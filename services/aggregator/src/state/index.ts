export * from './calls.js';
export { BoundedSet, DEFAULT_FINISHED_MEMORY } from './common.js';
export * from './visits.js';
