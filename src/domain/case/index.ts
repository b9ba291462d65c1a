export type {
  CaseEvent,
  CaseEventType,
  CaseNotification,
  CaseState,
  StepId,
  StepRecord,
  Transition,
} from "./case-state.js";
export { CaseError, type CaseErrorCode } from "./case-error.js";
export {
  closeCase,
  completeStep,
  openCase,
  reassignCase,
  recordOccurrence,
  reopenCase,
  skipStep,
  type CloseCaseOptions,
  type CompleteStepOptions,
  type OpenCaseOptions,
  type ReassignCaseOptions,
  type RecordOccurrenceOptions,
  type ReopenCaseOptions,
  type SkipStepOptions,
} from "./lifecycle.js";
export { GAP_REASON_MAX, unrecordedWeeklySteps, withGapReason } from "./weekly-gaps.js";
export {
  deriveSteps,
  nextAction,
  type AnnualDate,
  type DeriveStepsOptions,
  type StepStatus,
  type StepView,
} from "./derive-steps.js";
