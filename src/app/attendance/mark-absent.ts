import type { LocalDate } from "../../domain/dates.js";
import { localDateIn } from "../../domain/dates.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createAttendanceRepository } from "../../repositories/attendance-repository.js";
import { createLookupRepository } from "../../repositories/lookup-repository.js";
import { createSchoolRepository, type StudentRecord } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { can } from "../access-policy.js";
import { AppError } from "../app-error.js";
import { refuse, type PeopleDeps } from "../people/operator.js";

/*
 * «Отсутствуют сегодня» (issue 15): the class teacher marks today's absences in the bot when the
 * journal's export is late. The day becomes a day with data for the class: those not marked were
 * present. The reason is «без уважительной причины» unless the teacher says otherwise.
 */

export interface AbsentTodayClass {
  id: number;
  label: string;
  students: StudentRecord[];
  /** Absences already stored today (a second marking starts from them). */
  absent: Map<number, "unexcused" | "excused">;
}

/** The teacher's classes with their students and today's marks so far. */
export async function absentTodayStart(deps: PeopleDeps, actor: Actor): Promise<{ today: LocalDate; classes: AbsentTodayClass[] }> {
  const { schoolId, memberId } = actor;
  if (schoolId === undefined || memberId === undefined || !can(actor, "importAttendance")) {
    return refuse(deps, actor, "importAttendance", "attendance");
  }
  const settings = await createSchoolRepository(deps.db).calendarSettings(schoolId);
  if (!settings) throw new AppError("notFound", `no school ${schoolId}`);
  const today = localDateIn(deps.now(), settings.timezone);
  const lookup = createLookupRepository(deps.db);
  const attendance = createAttendanceRepository(deps.db);
  const classes: AbsentTodayClass[] = [];
  for (const summary of await lookup.classesOf(schoolId, memberId)) {
    const found = await lookup.classWithStudents(schoolId, memberId, summary.id);
    if (!found) continue;
    const absent = await attendance.absencesOn(
      schoolId,
      found.students.map((s) => s.id),
      today,
    );
    classes.push({ id: found.id, label: found.label, students: found.students, absent });
  }
  return { today, classes };
}

/**
 * Stores today's marks of one of the teacher's classes: `absent` with their reason, everyone else
 * present (an absence marked earlier today and now unmarked goes). Returns the counts.
 */
export async function markAbsentToday(
  deps: PeopleDeps,
  options: { actor: Actor; classId: number; absent: ReadonlyMap<number, "unexcused" | "excused"> },
): Promise<{ today: LocalDate; label: string; students: number; unexcused: number; excused: number }> {
  const { actor } = options;
  const { classes, today } = await absentTodayStart(deps, actor);
  const schoolClass = classes.find((c) => c.id === options.classId);
  if (!schoolClass) return refuse(deps, actor, "importAttendance", `class:${options.classId}`);
  const ids = new Set(schoolClass.students.map((s) => s.id));
  for (const id of options.absent.keys()) if (!ids.has(id)) throw new AppError("invalidInput", `student ${id} is not in the class`);
  const schoolId = actor.schoolId!;
  const absences = [...options.absent].map(([studentId, kind]) => ({
    studentId,
    on: today,
    kind,
    mark: kind === "unexcused" ? "Н" : "УП",
  }));
  const present = schoolClass.students.filter((s) => !options.absent.has(s.id)).map((s) => ({ studentId: s.id, on: today }));
  const at = deps.now();
  await deps.db.$transaction(async (tx) => {
    await createAttendanceRepository(deps.db).save(tx, schoolId, { days: [{ classId: schoolClass.id, on: today }], absences, present });
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "attendance.marked",
      subject: `class:${schoolClass.id}`,
      detail: { on: today, absent: absences.length },
      at,
    });
  });
  return {
    today,
    label: schoolClass.label,
    students: schoolClass.students.length,
    unexcused: absences.filter((a) => a.kind === "unexcused").length,
    excused: absences.filter((a) => a.kind === "excused").length,
  };
}
