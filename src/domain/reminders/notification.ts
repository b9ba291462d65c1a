import type { LocalDate } from "../dates.js";

/*
 * Every reminder, escalation and alert is one outbox row. Its key — recipient, subject (a case,
 * or a person), step, kind, local date — is unique, so planning the same thing twice, or in two
 * processes at once, stores it once.
 */

/** Items of a person's «на сегодня» digest: one message per person per planner run. */
export const DIGEST_KINDS = ["overdue", "dueToday", "dueSoon", "windowOpens", "announced", "toldDeputy", "toldDirector"] as const;
/** Late steps reported to a deputy or the director: gathered into one message per person too. */
export const ESCALATION_KINDS = ["escalationDeputy", "escalationDirector"] as const;
/** Sent on their own. */
export const SINGLE_KINDS = [
  "notice",
  "emergency",
  "userUnreachable",
  "sosAlert",
  "sosAcknowledged",
  "meetingDayBefore",
  "meetingHourBefore",
  "deputyDigest",
  "councilReview",
] as const;

export type DigestKind = (typeof DIGEST_KINDS)[number];
export type EscalationKind = (typeof ESCALATION_KINDS)[number];
export type NotificationKind = DigestKind | EscalationKind | (typeof SINGLE_KINDS)[number];

export type MessageGroup = "digest" | "escalations" | "single";

export function messageGroupOf(kind: string): MessageGroup {
  if ((DIGEST_KINDS as readonly string[]).includes(kind)) return "digest";
  if ((ESCALATION_KINDS as readonly string[]).includes(kind)) return "escalations";
  return "single";
}

/** "12:345:informDeputy:overdue:2025-11-05"; `subject` is a case id or "u<userId>". */
export function notificationKey(
  recipientUserId: number,
  subject: number | string,
  step: string,
  kind: NotificationKind,
  date: LocalDate,
): string {
  return `${recipientUserId}:${subject}:${step}:${kind}:${date}`;
}

/** How a student may appear in a push: surname and initial with the class at most, or the class alone. */
export interface SubjectLabel {
  name?: string;
  classLabel?: string;
}

/** About one step of one case. */
export interface StepPayload {
  caseId: number;
  regulationId: string;
  regulationVersion: number;
  stepId: string;
  stepNumber: string;
  subject: SubjectLabel;
  /** The school-local date the item is about (the key's date). */
  date: LocalDate;
  dueOn?: LocalDate;
  windowStartsOn?: LocalDate;
  recurring?: boolean;
  /** Digest items: an item not sent by then is stale and is dropped (tomorrow's digest says it afresh). */
  expiresAt?: string;
  /** For deputies and directors: who runs the case. */
  teacherName?: string;
  /** School days the step is late by when it was escalated. */
  lateSchoolDays?: number;
  /** An annual step announced ahead: school days left until its date, counted on the day planned. */
  schoolDaysLeft?: number;
  /** The teacher answered that the step awaits others (`awaitsOthers`): the digest asks the step's question again. */
  askAgain?: boolean;
}

/** A person Telegram no longer delivers to. */
export interface UnreachablePayload {
  userId: number;
  fullName: string;
  teacher: boolean;
  date: LocalDate;
}

/** Section I: an emergency alert (a round of it) or, to the teacher, who took it. Minimal personal data. */
export interface SosPayload {
  alertId: number;
  date: LocalDate;
  /** The kind of situation (a SosSituation); not personal data, so it is named in the push. Rows stored before it have none. */
  situation?: string;
  /** The student's class, if a student was named. */
  classLabel?: string;
  /** The teacher as «Смирнова М. И.». */
  teacherName: string;
  phone?: string;
  round?: number;
  /** sosAcknowledged: who took the alert and when (school-local «dd.MM HH:mm»). */
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}

/** A meeting (II.3, III.2) tomorrow or in an hour; its time as the school's local date and «15:30». */
export interface MeetingReminderPayload {
  meetingId: number;
  meetingKind: string;
  date: LocalDate;
  time: string;
  caseId?: number;
  subject?: SubjectLabel;
  title?: string;
}

/** One line of a deputy's morning digest. */
export interface DeputyDigestItem {
  caseId: number;
  subject: SubjectLabel;
  stepNumber?: string;
  /** The step's title in both languages («Встреча с родителями»); rows from before it have none. */
  stepTitle?: { ru: string; en: string };
}

/** A deputy's morning digest: new cases since the last one, escalations, what is due today in the school. */
export interface DeputyDigestPayload {
  date: LocalDate;
  newCases: DeputyDigestItem[];
  escalations: DeputyDigestItem[];
  dueToday: DeputyDigestItem[];
  /** The school's students absent without a valid reason for days in a row (early warning; absent in older rows). */
  atRisk?: { subject: SubjectLabel; days: number; contactedOn?: LocalDate }[];
}

/** A class teacher's fortnightly question (section IV.1): their classes' open difficulty cases. */
export interface CouncilReviewPayload {
  periodStart: LocalDate;
  cases: { caseId: number; subject: SubjectLabel }[];
}

/**
 * A value inside a notice's text, rendered in the recipient's language when the message is sent:
 * plain text or a number; another key (`t`, with its own parameters); a text in both languages
 * (e.g. a regulation's short name); or a school date («04.12, пт»).
 */
export type NoticeParam =
  | string
  | number
  | { t: string; params?: Record<string, NoticeParam> }
  | { ru: string; en: string }
  | { date: LocalDate };

/** One line of a notice: a locale key and its parameters (`count` picks the plural form). */
export interface NoticeLine {
  key: string;
  params?: Record<string, NoticeParam>;
}

/**
 * Anything said to a person other than the chat being answered: a step's outcome, an
 * invitation, a memo, an admin notice. Text as locale keys, buttons as keys plus callback data,
 * and optionally a document (its bytes, base64) with the text as its caption.
 */
export interface NoticePayload {
  lines: NoticeLine[];
  buttons?: { label: NoticeLine; data: string }[][];
  document?: { base64: string; fileName: string };
}

export type NotificationPayload =
  | NoticePayload
  | StepPayload
  | UnreachablePayload
  | SosPayload
  | MeetingReminderPayload
  | DeputyDigestPayload
  | CouncilReviewPayload;

/** A row to ensure in the outbox. */
export interface PlannedNotification {
  key: string;
  schoolId: number;
  userId: number;
  /** The case it is about, if any: the row goes when the case is erased. */
  caseId?: number;
  kind: NotificationKind;
  urgent: boolean;
  notBefore: Date;
  payload: NotificationPayload;
}
