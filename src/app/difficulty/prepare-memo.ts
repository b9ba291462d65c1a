import { completeStep } from "../cases/complete-step.js";
import type { DeputyContact } from "../../repositories/deputy-repository.js";
import { findCaseDeputy } from "../cases/case-deputy.js";
import { createMeasureRepository } from "../../repositories/measure-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { subjectLabel } from "../../domain/people/names.js";
import { declineName, nameInCase } from "../../domain/people/declension.js";
import { createUserRepository } from "../../repositories/user-repository.js";
import { noticeRow } from "../notices/notice-row.js";
import { REMINDER_DATA } from "../reminders/compose-message.js";
import type { MemoData } from "../../documents/memo-docx.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseServiceDeps, type CaseChange } from "../cases/case-service.js";
import { DIFFICULTY_STEPS, requireDifficultyCase } from "./difficulty-case.js";

export interface PrepareMemoOptions {
  actor: Actor;
  caseId: string;
  situation: string;
  request: string;
}

export interface PreparedMemo {
  data: MemoData;
  /** The case's deputy in charge; undefined when the school has none. */
  deputy?: DeputyContact;
}

export const MEMO_TEXT_MAX = 1500;

function clean(text: string): string {
  const value = text.trim().replace(/[ \t]+/g, " ");
  if (!value || value.length > MEMO_TEXT_MAX) throw new AppError("invalidInput", "bad memo text");
  return value;
}

/** Everything the memo says, from the case: the student, the class, the measures logged so far. */
export async function prepareMemo(deps: CaseServiceDeps, options: PrepareMemoOptions): Promise<PreparedMemo> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  requireDifficultyCase(loaded);
  const { stored, today, regulation } = loaded;
  const schools = createSchoolRepository(deps.db);
  const student = stored.studentId !== null ? await schools.findStudent(stored.schoolId, stored.studentId) : undefined;
  const teacher = await schools.findMember(stored.schoolId, stored.teacherMemberId);
  const measures = await createMeasureRepository(deps.db).list(stored.schoolId, Number(stored.state.id));
  const deputy = await findCaseDeputy(deps.db, stored.schoolId, stored, regulation);
  const teacherName = teacher?.fullName ?? options.actor.fullName;
  const ownForms = await createUserRepository(deps.db).nameForms(
    [deputy?.userId, teacher?.userId ?? options.actor.userId].filter((id): id is number => id !== undefined),
  );
  const deputyDative = deputy ? nameInCase(deputy.fullName, "dative", ownForms.get(deputy.userId)) : undefined;
  const teacherUserId = teacher?.userId ?? options.actor.userId;
  const teacherGenitive = nameInCase(teacherName, "genitive", teacherUserId !== undefined ? ownForms.get(teacherUserId) : undefined);
  const studentName = student?.fullName ?? "";
  const declined = declineName(studentName);
  return {
    data: {
      ...(deputy ? { deputyName: deputy.fullName } : {}),
      ...(deputyDative ? { deputyNameDative: deputyDative } : {}),
      ...(deputy && !deputy.upbringingDeputy ? { deputyPost: deputy.learningDeputy ? ("learning" as const) : ("other" as const) } : {}),
      teacherName,
      ...(teacherGenitive ? { teacherNameGenitive: teacherGenitive } : {}),
      classLabel: student?.classLabel ?? stored.state.classLabel ?? "",
      studentName,
      ...(declined.sure ? { studentNameInstrumental: declined.forms.instrumental } : {}),
      ...(declined.sure && declined.gender ? { studentGender: declined.gender } : {}),
      situation: clean(options.situation),
      request: clean(options.request),
      measures,
      date: today,
    },
    ...(deputy ? { deputy } : {}),
  };
}

export interface SendMemoOptions {
  actor: Actor;
  caseId: string;
  /** The DOCX, base64. */
  memo: { base64: string; fileName: string };
}

/**
 * Sends the memo to the deputy through the outbox and records step II.2 as done by corporate
 * e-mail (the teacher forwards the same DOCX). The first memo is the step's outcome notice, with
 * the document attached; a later one goes to the deputy on its own and changes no step.
 */
export async function sendMemo(deps: CaseServiceDeps, options: SendMemoOptions): Promise<{ deputy?: DeputyContact; change?: CaseChange }> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  requireDifficultyCase(loaded);
  const { stored, at, regulation } = loaded;
  const deputy = await findCaseDeputy(deps.db, stored.schoolId, stored, regulation);
  if (stored.state.steps[DIFFICULTY_STEPS.memo]?.state === "open") {
    const change = await completeStep(deps, {
      actor: options.actor,
      caseId: options.caseId,
      stepId: DIFFICULTY_STEPS.memo,
      form: "corporateEmail",
      document: options.memo,
    });
    return { ...(deputy ? { deputy } : {}), change };
  }
  if (deputy && deputy.chatId !== null && deputy.userId !== options.actor.userId) {
    const student =
      stored.studentId !== null ? await createSchoolRepository(deps.db).findStudent(stored.schoolId, stored.studentId) : undefined;
    const caseId = Number(stored.state.id);
    const own =
      options.actor.userId !== undefined
        ? (await createUserRepository(deps.db).nameForms([options.actor.userId])).get(options.actor.userId)
        : undefined;
    const teacherGenitive = nameInCase(options.actor.fullName, "genitive", own);
    const notice = noticeRow({
      schoolId: stored.schoolId,
      userId: deputy.userId,
      caseId,
      at,
      payload: {
        lines: [
          {
            key: teacherGenitive ? "memo.deputyCaption" : "memo.deputyCaptionNamed",
            params: {
              teacher: options.actor.fullName,
              ...(teacherGenitive ? { teacherGenitive } : {}),
              subject: subjectLabel(student?.fullName, student?.classLabel ?? stored.state.classLabel),
            },
          },
        ],
        buttons: [[{ label: { key: "memo.openCase" }, data: REMINDER_DATA.open(caseId) }]],
        document: options.memo,
      },
    });
    await addNotifications(deps.db, [notice], at);
  }
  return deputy ? { deputy } : {};
}
