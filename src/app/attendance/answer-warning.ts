import type { LocalDate } from "../../domain/dates.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createAttendanceRepository } from "../../repositories/attendance-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { findStudentFor } from "../students/search-students.js";

/*
 * The class teacher's answer to an early warning (issue 15): «Связался с семьёй» records an early
 * contact with the family for the run; «Причина уважительная», with a note, makes the run count no
 * more until the student is back (the journal's marks stay as they are). Each answer is given once
 * per run, and only for a student the teacher may open a case for, on a run that is in the
 * attendance (the first day is an absence without a valid reason).
 */

export type WarningAnswer = "contacted" | "excused";

/** The longest note of a valid reason. */
export const EXCUSE_NOTE_MAX = 300;

export interface AnsweredWarning {
  /** False when this answer was given already (by anyone). */
  recorded: boolean;
  /** «Иванов Пётр», for the reply. */
  studentName: string;
  runFrom: LocalDate;
}

/** The student and the run, when the actor may answer for them: checked before a note is asked. */
export async function warningSubject(
  deps: CaseServiceDeps,
  options: { actor: Actor; studentId: number; runFrom: LocalDate },
): Promise<{ studentName: string; schoolId: number }> {
  const student = await findStudentFor(deps, { actor: options.actor, studentId: options.studentId, purpose: "openCase" });
  if (!student) throw new AppError("notFound", `student ${options.studentId}`);
  const schoolId = options.actor.schoolId!;
  const kind = await createAttendanceRepository(deps.db).absenceOn(schoolId, options.studentId, options.runFrom);
  if (kind !== "unexcused") throw new AppError("notFound", `no unexcused absence of ${options.studentId} on ${options.runFrom}`);
  return { studentName: student.fullName, schoolId };
}

export async function answerWarning(
  deps: CaseServiceDeps,
  options: { actor: Actor; studentId: number; runFrom: LocalDate; answer: WarningAnswer; note?: string },
): Promise<AnsweredWarning> {
  const { actor, studentId, runFrom, answer } = options;
  const note = (options.note ?? "").trim().replace(/\s+/g, " ");
  if (answer === "excused" && !note) throw new AppError("invalidInput", "a valid reason needs a note");
  if (note.length > EXCUSE_NOTE_MAX) throw new AppError("invalidInput", `a note has at most ${EXCUSE_NOTE_MAX} characters`);
  const { studentName, schoolId } = await warningSubject(deps, { actor, studentId, runFrom });
  const at = deps.now();
  const recorded = await deps.db.$transaction(async (tx) => {
    const fresh = await createAttendanceRepository(deps.db).answer(tx, {
      schoolId,
      studentId,
      runFrom,
      kind: answer,
      note,
      byUserId: actor.userId ?? null,
      at,
    });
    // The note may name the family's circumstances: the audit keeps that there was one, not its words.
    if (fresh) {
      await recordAudit(tx, {
        schoolId,
        actorId: actor.userId ?? null,
        action: answer === "contacted" ? "attendance.familyContacted" : "attendance.runExcused",
        subject: `student:${studentId}`,
        detail: { runFrom },
        at,
      });
    }
    return fresh;
  });
  return { recorded, studentName, runFrom };
}
