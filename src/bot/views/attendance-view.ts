import type { TFunction } from "i18next";
import type { ImportAttendanceResult } from "../../app/attendance/import-attendance.js";
import { formatRussianDate, isLocalDate } from "../../domain/dates.js";
import { truncate } from "./format.js";
import { MESSAGE_LIMIT } from "./case-card-view.js";

const ISSUES_SHOWN = 20;

/** What the teacher is told after sending the journal's attendance export. */
export function attendanceResultText(t: TFunction, result: ImportAttendanceResult): string {
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
      return truncate([t("attendance.rejected"), "", ...lines].join("\n"), MESSAGE_LIMIT);
    }
    default:
      return t(`attendance.${result.kind}`);
  }
}
