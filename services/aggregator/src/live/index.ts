export { computeCasesSnapshots, DEFAULT_CASE_HORIZON } from './cases.js';
export { computeCounterSnapshots, DEFAULT_COUNTER_WAIT_NORM_SECONDS, expectedWait } from './counter.js';
export { createDayLog, type DayLog, type DayLogItems, type DayLogKind } from './day-log.js';
export type * from './inputs.js';
export {
  answerNormFor,
  computePhoneSnapshots,
  DEFAULT_ANSWER_NORM_SECONDS,
  DEFAULT_SHORT_ABANDON_SECONDS,
} from './phone.js';
export {
  createSnapshotPublisher,
  type PublishBatch,
  type SnapshotPublisher,
  type SnapshotPublisherOptions,
} from './publisher.js';
export { computeSourceSnapshots, SOURCE_WINDOW_MS } from './sources.js';
export { durationStats, percentile, share } from './stats.js';
export { computeSurveySnapshots, isDissatisfied, isSatisfied } from './survey.js';
export {
  instantIn,
  inWindow,
  perWindow,
  retentionStartMs,
  type WindowBounds,
  type WindowSet,
  windowBounds,
} from './windows.js';
export { computeWrittenSnapshots, DEFAULT_ACKNOWLEDGE_NORM, DEFAULT_ANSWER_NORM } from './written.js';
