export * from './calls.js';
export * from './cases.js';
export { BoundedSet, DEFAULT_FINISHED_MEMORY } from './common.js';
export * from './sources.js';
export * from './surveys.js';
export * from './visits.js';
export * from './written.js';
