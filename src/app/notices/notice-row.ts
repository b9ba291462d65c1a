import { randomUUID } from "node:crypto";
import type { NoticePayload, PlannedNotification } from "../../domain/reminders/notification.js";

export interface NoticeRowOptions {
  schoolId: number;
  userId: number;
  payload: NoticePayload;
  /** Sent at once from this instant (notices answer something a person just did). */
  at: Date;
  urgent?: boolean;
  /** A key that makes the notice idempotent; a fresh one by default. */
  key?: string;
  /** The case it is about: erasing the case erases the notice. */
  caseId?: number;
}

/** An outbox row for a notice to one person. */
export function noticeRow(options: NoticeRowOptions): PlannedNotification {
  return {
    key: options.key ?? `notice:${randomUUID()}`,
    schoolId: options.schoolId,
    userId: options.userId,
    kind: "notice",
    urgent: options.urgent ?? false,
    notBefore: options.at,
    payload: options.payload,
    ...(options.caseId !== undefined ? { caseId: options.caseId } : {}),
  };
}
