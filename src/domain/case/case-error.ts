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
  | "gapReasonTooLong";

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
