export {
  QMATIC_IGNORED_EVENTS,
  QMATIC_VISIT_EVENTS,
  type QmaticEvent,
  type QmaticEventName,
  qmaticEvent,
} from './schema.js';
export { translateQmaticEvents } from './translate.js';
