export type CaseErrorCode =
  | "caseClosed"
  | "caseNotClosed"
  | "unknownStep"
  | "wrongRegulation"
  | "answerRequired"
  | "answerNotOffered"
  | "noQuestion"
  | "formNotAllowed"
  | "dateBeforeOpening"
  | "dateInFuture"
  | "stepAlreadyResolved"
  | "notRecurring"
  | "recurringStep"
  | "sameTeacher"
  | "invalidDate"
  | "reasonRequired"
  /** Closing over a weekly step never recorded needs the teacher's reason (see weekly-gaps.ts). */
  | "gapReasonRequired"
  | "gapReasonTooLong"
  /** Nothing recorded on the step to undo. */
  | "nothingToUndo"
  /** A later step counts from this one and is already marked: correct that one first. */
  | "laterStepMarked";

/** A refused case transition. The bot translates `code`; the message is for logs. */
export class CaseError extends Error {
  override readonly name = "CaseError";

  constructor(
    readonly code: CaseErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}
