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

export interface CaseNotification {
  kind: "stepDone" | "caseClosed" | "linkedCaseRequested";
  recipients: Recipient[];
  stepId?: StepId;
  /** For "linkedCaseRequested": the regulation of the case to open. */
  linkedRegulationId?: string;
}

export interface Transition {
  state: CaseState;
  events: CaseEvent[];
  notifications: CaseNotification[];
}
