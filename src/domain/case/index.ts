export type {
  CaseEvent,
  CaseEventType,
  CaseNotification,
  CaseState,
  StepId,
  StepMark,
  StepRecord,
  Transition,
} from "./case-state.js";
export { CaseError, type CaseErrorCode } from "./case-error.js";
export {
  closeCase,
  completeStep,
  correctMark,
  lastMarkOf,
  openCase,
  reassignCase,
  recordOccurrence,
  reopenCase,
  skipStep,
  undoBlockedBy,
  undoLastMark,
  type CloseCaseOptions,
  type CorrectMarkOptions,
  type CompleteStepOptions,
  type OpenCaseOptions,
  type ReassignCaseOptions,
  type RecordOccurrenceOptions,
  type ReopenCaseOptions,
  type SkipStepOptions,
  type UndoLastMarkOptions,
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
