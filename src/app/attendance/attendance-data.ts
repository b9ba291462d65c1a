import { defineCallback, int, oneOf } from "../callback-data.js";
import type { LocalDate } from "../../domain/dates.js";

/*
 * The early warning's buttons. The first day of the run travels as yyyymmdd; nothing here is
 * trusted: the use case checks the student and the run (features/absent-today.ts).
 */

/** «➕ Открыть случай»: "aw:<student>:<first day>" opens the absence case dialogue with the first day absent filled in. */
export const ATTENDANCE_CASE_DATA = defineCallback("aw", { studentId: int(), first: int(99_991_231) });

/** «📞 Связался с семьёй» (c) and «✅ Причина уважительная» (x): "awa:<c|x>:<student>:<first day>". */
export const ATTENDANCE_ANSWER_DATA = defineCallback("awa", { kind: oneOf("c", "x"), studentId: int(), first: int(99_991_231) });

export function attendanceCaseData(studentId: number, firstDay: LocalDate): string {
  return ATTENDANCE_CASE_DATA.encode({ studentId, first: dayNumber(firstDay) });
}

export function attendanceAnswerData(kind: "contacted" | "excused", options: { studentId: number; firstDay: LocalDate }): string {
  return ATTENDANCE_ANSWER_DATA.encode({
    kind: kind === "contacted" ? "c" : "x",
    studentId: options.studentId,
    first: dayNumber(options.firstDay),
  });
}

function dayNumber(date: LocalDate): number {
  return Number(date.replace(/-/g, ""));
}

/** The first day back from the button's number; undefined for a forged one. */
export function firstDayOf(first: number): LocalDate | undefined {
  const text = String(first);
  if (!/^\d{8}$/.test(text)) return undefined;
  const date = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  return Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ? undefined
    : date;
}
