import { subjectLabel } from "../../domain/people/names.js";
import { caseDeputyOf } from "../../domain/people/roles.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import type { NoticePayload, PlannedNotification } from "../../domain/reminders/notification.js";
import type { Db } from "../../db/open-database.js";
import type { CouncilRequestRecord } from "../../repositories/council-repository.js";
import { createCouncilRepository } from "../../repositories/council-repository.js";
import { createDeputyRepository, type StaffContact } from "../../repositories/deputy-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { noticeRow } from "../notices/notice-row.js";
import { whenParam } from "../notices/when-param.js";
import { COUNCIL_DATA } from "./council-data.js";

/*
 * What a council request tells whom (section IV), as outbox notices the use cases write with
 * their change: the request to the class teacher for consent or to the deputy with the slots,
 * the refusal to the requester, the agreed time to the teacher and the requester.
 */

/** Who was told, for the confirmation shown to the person acting; `reachable` is false when they never opened the bot. */
export interface Told {
  name?: string;
  reachable: boolean;
}

export interface CouncilNotices {
  rows: PlannedNotification[];
  told: Told;
}

/** What the notices need to know, read before the change's transaction. */
export interface CouncilFacts {
  subject: string;
  timezone: string;
  staff: StaffContact[];
  classTeacherId?: number;
  /** Who agrees the council: the deputy in charge of the case it is asked from, else the deputy for upbringing. */
  deputy?: StaffContact;
}

export async function councilFacts(db: Db, schoolId: number, studentId: number, caseId?: number): Promise<CouncilFacts> {
  const schools = createSchoolRepository(db);
  const student = await schools.findStudent(schoolId, studentId);
  const timezone = (await schools.calendarSettings(schoolId))?.timezone ?? "Europe/Moscow";
  const staff = await createDeputyRepository(db).staff(schoolId);
  const classTeacherId = await createCouncilRepository(db).classTeacherOf(schoolId, studentId);
  const stored = caseId !== undefined ? await createCaseRepository(db).findById(schoolId, String(caseId)) : undefined;
  // Section IV goes to the deputy for upbringing; a case handed to another deputy goes to them.
  const deputy = caseDeputyOf(staff, stored?.deputyMemberId, "upbringing");
  return {
    subject: subjectLabel(student?.fullName, student?.classLabel),
    timezone,
    staff,
    ...(classTeacherId !== undefined ? { classTeacherId } : {}),
    ...(deputy ? { deputy } : {}),
  };
}

function told(person: StaffContact | undefined): Told {
  return person ? { name: person.fullName, reachable: person.chatId !== null } : { reachable: false };
}

function rowFor(request: CouncilRequestRecord, person: StaffContact | undefined, payload: NoticePayload, at: Date): PlannedNotification[] {
  if (!person || person.chatId === null) return [];
  return [noticeRow({ schoolId: request.schoolId, userId: person.userId, payload, at })];
}

/** A request waiting for consent goes to the class teacher; one with consent to the deputy, with a button per slot. */
export function councilRequestNotices(facts: CouncilFacts, request: CouncilRequestRecord, at: Date): CouncilNotices {
  const requester = facts.staff.find((m) => m.memberId === request.requestedBy)?.fullName ?? "";
  const params = { form: { t: `council.forms.${request.proposedForm}` }, subject: facts.subject, requester, reason: request.reason };
  if (request.teacherConsent === "pending") {
    const teacher = facts.staff.find((m) => m.memberId === facts.classTeacherId);
    const payload: NoticePayload = {
      lines: [{ key: "council.askConsent", params }],
      buttons: [
        [
          { label: { key: "council.buttons.agree" }, data: COUNCIL_DATA.consent(request.id, true) },
          { label: { key: "council.buttons.refuse" }, data: COUNCIL_DATA.consent(request.id, false) },
        ],
      ],
    };
    return { rows: rowFor(request, teacher, payload, at), told: told(teacher) };
  }
  const deputy = facts.deputy;
  const payload: NoticePayload = {
    lines: [{ key: "council.toDeputy", params }],
    buttons: [
      ...request.slots.map((slot, i) => [
        {
          label: { key: "council.slotButton", params: { when: whenParam(new Date(slot), facts.timezone) } },
          data: COUNCIL_DATA.slot(request.id, i),
        },
      ]),
      [{ label: { key: "council.buttons.otherTime" }, data: COUNCIL_DATA.otherTime(request.id) }],
    ],
  };
  return { rows: rowFor(request, deputy, payload, at), told: told(deputy) };
}

/** The class teacher refused: the requester hears it. */
export function councilRefusedNotices(facts: CouncilFacts, request: CouncilRequestRecord, at: Date): PlannedNotification[] {
  const requester = facts.staff.find((m) => m.memberId === request.requestedBy);
  return rowFor(request, requester, { lines: [{ key: "council.refusedNotice", params: { subject: facts.subject } }] }, at);
}

/** The deputy agreed the time: the class teacher (with the info pack's button) and the requester, but not `except`. */
export function councilAgreedNotices(
  facts: CouncilFacts,
  request: CouncilRequestRecord,
  except: number | undefined,
  at: Date,
): PlannedNotification[] {
  const teacherId = facts.classTeacherId;
  const ids = [...new Set([teacherId, request.requestedBy].filter((id): id is number => id !== undefined && id !== except))];
  return ids.flatMap((memberId) =>
    rowFor(
      request,
      facts.staff.find((m) => m.memberId === memberId),
      {
        lines: [
          {
            key: "council.agreedNotice",
            params: {
              form: { t: `council.forms.${request.agreedForm ?? request.proposedForm}` },
              when: whenParam(request.agreedAt!, facts.timezone),
              subject: facts.subject,
            },
          },
        ],
        ...(request.caseId !== undefined && memberId === teacherId
          ? { buttons: [[{ label: { key: "infoPack.button" }, data: COUNCIL_DATA.infoPack(request.caseId) }]] }
          : {}),
      },
      at,
    ),
  );
}
