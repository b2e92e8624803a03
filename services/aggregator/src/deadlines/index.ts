export {
  amsterdamDate,
  type Calendar,
  type CalendarOptions,
  type ClosedDay,
  createCalendar,
  endOfDay,
  type Holiday,
  parseDate,
  TIME_ZONE,
} from './calendar.js';
export {
  type CalendarBook,
  type ClosingDaysOf,
  createCalendarBook,
  singleCalendarBook,
} from './calendars.js';
export {
  computeDeadline,
  type Deadline,
  type DeadlineInput,
  type DeadlineOptions,
  deadlineInputSchema,
  type FinalDeadline,
  type Norm,
  type SuspendedDeadline,
  suspensionSchema,
} from './deadline.js';
export { ATW_DECREES, type AtwDecree, atwDecreeDays } from './decrees/index.js';
export { dueMs } from './due.js';
export {
  type AtRiskFromInput,
  atRiskFromMs,
  type ClassifyInput,
  classify,
  type Horizon,
  type Moment,
  type RiskStatus,
  workingDaysLeft,
} from './risk.js';
