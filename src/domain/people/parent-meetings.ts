import { addDays, type LocalDate } from "../dates.js";
import { declineName, type Gender } from "./declension.js";
import type { ParentRelation } from "./parents.js";

/*
 * A parent invited to a meeting about a case: how the invitation went, for which day, and whether
 * they came. A no-show is a fact the КДН asks for, so it is recorded, never inferred.
 */

export const INVITATION_WAYS = ["phone", "messenger", "eDiary", "letter", "inPerson"] as const;
export type InvitationWay = (typeof INVITATION_WAYS)[number];

export function isInvitationWay(value: string): value is InvitationWay {
  return (INVITATION_WAYS as readonly string[]).includes(value);
}

/** A meeting is fixed at most this many days ahead, or this many back (an invitation written down late). */
export const MEETING_DAYS_AHEAD = 60;
export const MEETING_DAYS_BACK = 30;

export type MeetingDateProblem = "tooFar" | "tooLongAgo";

export function meetingDateProblem(meetingOn: LocalDate, today: LocalDate): MeetingDateProblem | undefined {
  if (meetingOn > addDays(today, MEETING_DAYS_AHEAD)) return "tooFar";
  if (meetingOn < addDays(today, -MEETING_DAYS_BACK)) return "tooLongAgo";
  return undefined;
}

/** Whether it is time to say if the parent came: on the meeting's day or after. */
export function attendanceDue(meeting: { meetingOn: LocalDate; attended?: boolean }, today: LocalDate): boolean {
  return meeting.attended === undefined && meeting.meetingOn <= today;
}

/**
 * The parent's gender for «пришла / пришёл»: from the relation, else from the name when the
 * library is sure; undefined for a sentence that does without it.
 */
export function parentGender(relation: ParentRelation | string, fullName: string): Gender | undefined {
  if (relation === "mother") return "female";
  if (relation === "father") return "male";
  return declineName(fullName).gender;
}
