import type { LocalDate } from "../dates.js";
import type { Form, Recipient } from "../regulation/schema.js";

export type StepId = string;

/** One step of one case. Plain JSON: the whole case state is stored as a document. */
export interface StepRecord {
  state: "open" | "done" | "skipped";
  /** The date the step was resolved: completed, or skipped (then `skipReason` is set). */
  completedOn?: LocalDate;
  completedBy?: string;
  form?: Form;
  note?: string;
  /** The id of the answer that completed the step. */
  answer?: string;
  skipReason?: string;
  /** Why a weekly step was never recorded, given when the case was closed without it. */
  gapReason?: string;
  /** Dated contacts or checks of a recurring step, oldest first. */
  occurrences: LocalDate[];
  /**
   * School days the teacher answered that the step waits on someone else (an answer with
   * `awaitsOthers`, e.g. «статуса ещё нет»), oldest first. Absent until the first such answer.
   */
  awaitingOn?: LocalDate[];
}

export interface CaseState {
  id: string;
  regulationId: string;
  /** The definition version the case was opened under; derive with that version, not the latest. */
  regulationVersion: number;
  teacherId: string;
  studentId?: string;
  classLabel?: string;
  status: "open" | "closed";
  openedOn: LocalDate;
  /** The first day of absence the teacher gave on opening, and the school days missed up to `openedOn`. */
  firstAbsenceOn?: LocalDate;
  daysMissed?: number;
  closedOn?: LocalDate;
  closeReason?: string;
  closeNote?: string;
  flags: string[];
  steps: Record<StepId, StepRecord>;
}

export type CaseEventType =
  | "caseOpened"
  | "stepCompleted"
  | "stepAnswered"
  | "occurrenceRecorded"
  | "stepSkipped"
  | "caseFlagged"
  | "caseReassigned"
  | "caseClosed"
  | "caseReopened"
  | "linkedCaseRequested"
  /** The last mark of a step was undone (data: what it was); a corrected mark follows as its own event. */
  | "markCorrected"
  /** A parent invited to a meeting about the case (data: parent, via, meetingOn). */
  | "parentInvited"
  /** Whether an invited parent came (data: parent, meetingOn, attended). */
  | "parentAttended"
  /** A deputy's or director's comment on the case (no state change). */
  | "comment";

/** An audit entry; the application adds the case id, the instant and persists it. */
export interface CaseEvent {
  type: CaseEventType;
  on: LocalDate;
  actorId: string;
  stepId?: StepId;
  data?: Record<string, string | number | boolean | null>;
}

/** A step's mark as it was recorded: what undoing it takes back. */
export type StepMark =
  | { kind: "completion"; on: LocalDate; answer?: string; form?: Form; note?: string }
  | { kind: "skip"; on: LocalDate; reason?: string }
  | { kind: "occurrence"; on: LocalDate }
  /** An answer that leaves the step waiting on others (`awaitsOthers`). */
  | { kind: "awaiting"; on: LocalDate; answer?: string };

export interface CaseNotification {
  kind: "stepDone" | "caseClosed" | "linkedCaseRequested" | "markCorrected";
  recipients: Recipient[];
  stepId?: StepId;
  /** For "linkedCaseRequested": the regulation of the case to open. */
  linkedRegulationId?: string;
  /** For "markCorrected": the mark taken back. */
  undone?: StepMark;
  /** For "markCorrected": the mark that replaced it, when the correction marked the step again. */
  redone?: StepMark;
}

export interface Transition {
  state: CaseState;
  events: CaseEvent[];
  notifications: CaseNotification[];
}
