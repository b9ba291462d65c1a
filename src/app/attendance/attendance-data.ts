import { defineCallback, int } from "../callback-data.js";
import type { LocalDate } from "../../domain/dates.js";

/**
 * The early warning's button «Открыть случай»: "aw:<student>:<first day as yyyymmdd>" opens the
 * absence case dialogue for that student with the first day absent filled in (features/absent-today.ts).
 */
export const ATTENDANCE_CASE_DATA = defineCallback("aw", { studentId: int(), first: int(99_991_231) });

export function attendanceCaseData(studentId: number, firstDay: LocalDate): string {
  return ATTENDANCE_CASE_DATA.encode({ studentId, first: Number(firstDay.replace(/-/g, "")) });
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
