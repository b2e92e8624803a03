export { type QueueLogOptions, queueLogOptionsSchema, translateQueueLog } from './queue-log.js';
