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
export {
  type ClassifyInput,
  classify,
  type Horizon,
  type Moment,
  type RiskStatus,
  workingDaysLeft,
} from './risk.js';
