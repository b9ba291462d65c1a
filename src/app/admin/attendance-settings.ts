import { WARN_DAYS_RANGE, type AttendanceMark } from "../../domain/attendance/absence-run.js";
import { MAX_SCHOOL_MARKS, schoolMarkKey, schoolMarkMapping, schoolOwnMarks, type MarkMapping } from "../../domain/attendance/marks.js";
import { createAdminRepository } from "../../repositories/admin-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

/*
 * The early warning's settings in /admin (issue 15): after how many school days in a row a class
 * teacher is warned, and the school's own journal marks over the default mapping (a mark the default
 * does not know, or one the school's journal uses otherwise). Each change is audited.
 */

export interface AttendanceSettings {
  warnDays: number;
  /** The school's own marks, by key, in the order kept. */
  own: [string, AttendanceMark][];
  /** What files are read with: the default and the school's own. */
  mapping: MarkMapping;
}

export async function getAttendanceSettings(deps: PeopleDeps, actor: Actor | undefined): Promise<AttendanceSettings> {
  const { schoolId } = await requireAdmin(deps, actor, "school:attendance");
  const row = await createAdminRepository(deps.db).attendanceSettings(schoolId);
  if (!row) throw new AppError("notFound", `no school ${schoolId}`);
  return { warnDays: row.warnDays, own: Object.entries(schoolOwnMarks(row.markMap)), mapping: schoolMarkMapping(row.markMap) };
}

export async function setWarnDays(deps: PeopleDeps, options: { actor: Actor | undefined; days: number }): Promise<void> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, "school:attendance");
  const { days } = options;
  if (!Number.isInteger(days) || days < WARN_DAYS_RANGE.min || days > WARN_DAYS_RANGE.max) {
    throw new AppError("invalidInput", `a threshold of ${WARN_DAYS_RANGE.min} to ${WARN_DAYS_RANGE.max} school days`);
  }
  await save(deps, schoolId, actor, { warnDays: days }, { warnDays: days });
}

/** Maps a mark (its meaning, or undefined to remove it); the school's own marks are at most MAX_SCHOOL_MARKS. */
export async function setMarkMeaning(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; mark: string; meaning: AttendanceMark | undefined },
): Promise<{ key: string }> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, "school:attendance");
  const key = schoolMarkKey(options.mark);
  if (!key) throw new AppError("invalidInput", `not a mark: ${JSON.stringify(options.mark.slice(0, 20))}`);
  const row = await createAdminRepository(deps.db).attendanceSettings(schoolId);
  if (!row) throw new AppError("notFound", `no school ${schoolId}`);
  const own = schoolOwnMarks(row.markMap);
  if (options.meaning === undefined) {
    if (!(key in own)) throw new AppError("notFound", `no mark ${key}`);
    delete own[key];
  } else {
    if (!(key in own) && Object.keys(own).length >= MAX_SCHOOL_MARKS) throw new AppError("invalidInput", "too many marks");
    own[key] = options.meaning;
  }
  await save(deps, schoolId, actor, { markMap: JSON.stringify(own) }, { mark: key, meaning: options.meaning ?? "removed" });
  return { key };
}

async function save(
  deps: PeopleDeps,
  schoolId: number,
  actor: Actor,
  change: { warnDays?: number; markMap?: string },
  detail: Record<string, string | number>,
): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    await createAdminRepository(deps.db).saveAttendanceSettings(tx, schoolId, change);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "school.attendanceSettingsChanged",
      subject: `school:${schoolId}`,
      detail,
      at: deps.now(),
    });
  });
}
