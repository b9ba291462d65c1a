import type { TFunction } from "i18next";
import type { ImportAttendanceResult } from "../../app/attendance/import-attendance.js";
import { formatRussianDate, isLocalDate } from "../../domain/dates.js";
import { truncate } from "./format.js";
import { MESSAGE_LIMIT } from "./case-card-view.js";
import { mappingLines } from "./attendance-marks-view.js";
import { InlineKeyboard } from "grammy";
import { schoolMarkKey } from "../../domain/attendance/marks.js";
import { ADMIN_DATA } from "../features/admin-menu-data.js";

/** Unknown marks offered as buttons under a refused file, at most. */
const MARKS_OFFERED = 4;

const ISSUES_SHOWN = 20;

/** What the teacher is told after sending the journal's attendance export. */
export function attendanceResultText(t: TFunction, result: ImportAttendanceResult, mayMapMarks = false): string {
  switch (result.kind) {
    case "imported":
      return result.changed === 0
        ? t("attendance.unchanged")
        : t("attendance.imported", { students: result.students, days: result.days, absences: result.absences });
    case "rejected": {
      const lines = result.issues.slice(0, ISSUES_SHOWN).map((issue) =>
        t("attendance.issueLine", {
          line: issue.line,
          problem: t(`attendance.problems.${issue.kind}`, {
            text: issue.kind === "outsideSchoolYear" && isLocalDate(issue.text) ? formatRussianDate(issue.text) : issue.text,
          }),
        }),
      );
      if (result.issues.length > ISSUES_SHOWN) lines.push(t("attendance.moreIssues", { count: result.issues.length - ISSUES_SHOWN }));
      // An unknown mark: the marks the bot knows, and who can add one (the admin, with the buttons below).
      const marks =
        result.unknownMarks.length > 0
          ? [
              "",
              t("attendance.marks.known"),
              ...mappingLines(t, result.mapping),
              t(mayMapMarks ? "attendance.marks.offer" : "attendance.marks.askAdmin"),
            ]
          : [];
      return truncate([t("attendance.rejected"), "", ...lines, ...marks].join("\n"), MESSAGE_LIMIT);
    }
    default:
      return t(`attendance.${result.kind}`);
  }
}

/** Under a file refused for unknown marks, for the school's admin: «Настроить «НП»» for each (a mark fit for a button). */
export function attendanceResultKeyboard(t: TFunction, result: ImportAttendanceResult, mayMapMarks: boolean): InlineKeyboard | undefined {
  if (!mayMapMarks || result.kind !== "rejected") return undefined;
  const keys = [...new Set(result.unknownMarks.map((m) => schoolMarkKey(m)).filter((k): k is string => k !== undefined))].slice(
    0,
    MARKS_OFFERED,
  );
  if (keys.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const key of keys)
    keyboard.text(t("attendance.marks.mapButton", { mark: key.toUpperCase() }), ADMIN_DATA.mapMark.encode({ mark: key })).row();
  return keyboard;
}
