import type { TFunction } from "i18next";
import { formatRussianDate, type LocalDate } from "../domain/dates.js";
import { parentGender } from "../domain/people/parent-meetings.js";
import type { ParentRelation } from "../domain/people/parents.js";

/** A meeting with a parent as the papers record it. */
export interface ParentMeetingFacts {
  meetingOn: LocalDate;
  parentName: string;
  relation: ParentRelation;
  invitedVia: string;
  invitedOn: LocalDate;
  attended?: boolean;
}

/**
 * «20.11.2026 — Иванова Мария Петровна (мать); приглашение по телефону 18.11.2026; не пришла»: a
 * no-show is written as such (the КДН reads it as evidence); a meeting after `today` is still to come.
 */
export function parentMeetingLine(t: TFunction, meeting: ParentMeetingFacts, today: LocalDate): string {
  const outcome =
    meeting.attended === true ? "came" : meeting.attended === false ? "noShow" : meeting.meetingOn > today ? "upcoming" : "unknown";
  return t("caseFile.parentMeetingLine", {
    date: formatRussianDate(meeting.meetingOn),
    name: meeting.parentName,
    relation: t(`family.relationOf.${meeting.relation}`),
    via: t(`family.meetings.via.${meeting.invitedVia}`),
    invitedOn: formatRussianDate(meeting.invitedOn),
    outcome: t(`caseFile.parentOutcome.${outcome}`, { context: parentGender(meeting.relation, meeting.parentName) }),
  });
}
