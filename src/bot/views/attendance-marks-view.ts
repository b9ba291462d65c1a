import type { TFunction } from "i18next";
import type { AttendanceMark } from "../../domain/attendance/absence-run.js";
import { marksByMeaning, type MarkMapping } from "../../domain/attendance/marks.js";

/** A mark as a person reads it: «НБ»; the empty cell in words. */
export function markLabel(t: TFunction, key: string): string {
  return key === "" ? t("attendance.marks.emptyCell") : key.toUpperCase();
}

/** «без уважительной причины — Н, НБ» and so on, one line per meaning. */
export function mappingLines(t: TFunction, mapping: MarkMapping): string[] {
  const grouped = marksByMeaning(mapping);
  return (["unexcused", "excused", "present"] as const satisfies readonly AttendanceMark[]).map((meaning) =>
    t("attendance.marks.line", {
      meaning: t(`attendance.marks.meaning.${meaning}`),
      marks: grouped[meaning].map((k) => markLabel(t, k)).join(", "),
    }),
  );
}
