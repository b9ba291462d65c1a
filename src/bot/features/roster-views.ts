import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { ImportRosterResult } from "../../app/students/import-roster.js";
import type { ClassSummary } from "../../app/students/list-classes.js";
import type { ParsedRoster, RosterIssue } from "../../roster/parse-roster.js";
import { STUDENTS_DATA } from "./students-data.js";

/** A message holds 4096 characters; the first problems are enough to start fixing the file. */
const MAX_ISSUES_SHOWN = 30;

/** "7Б — 25 учеников" */
export function classLine(t: TFunction, schoolClass: Pick<ClassSummary, "label" | "students">): string {
  return t("students.classLine", { label: schoolClass.label, count: schoolClass.students });
}

function issueLine(t: TFunction, issue: RosterIssue): string {
  const problem = issue.problem === "badClass" && issue.value === "" ? "emptyClass" : issue.problem;
  const what = t(`roster.problems.${problem}`, { value: issue.value, line: issue.firstLine });
  return t("roster.issueLine", { line: issue.line, column: issue.heading, problem: what });
}

export function rosterIssuesText(t: TFunction, issues: readonly RosterIssue[]): string {
  const lines = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => issueLine(t, issue));
  if (issues.length > MAX_ISSUES_SHOWN) lines.push(t("roster.moreIssues", { count: issues.length - MAX_ISSUES_SHOWN }));
  return [t("roster.rejected"), "", ...lines].join("\n");
}

/** What the file itself says when it cannot be imported at all; undefined when it parsed. */
export function unreadableRosterText(t: TFunction, roster: ParsedRoster): string | undefined {
  switch (roster.kind) {
    case "badColumns":
      return t("roster.badColumns", { found: roster.found.map((h) => `«${h}»`).join(", ") || "—" });
    case "empty":
      return t("roster.empty");
    case "malformed":
      return t("roster.malformed", { line: roster.line });
    case "parsed":
      return roster.rows.length === 0 && roster.issues.length === 0 ? t("roster.empty") : undefined;
  }
}

export function importResultText(t: TFunction, result: ImportRosterResult): string {
  if (result.kind === "rejected") return rosterIssuesText(t, result.issues);
  const lines = [t("roster.imported", { count: result.added })];
  const classes = [...result.classes].sort((a, b) => a.label.localeCompare(b.label, "ru", { numeric: true }));
  for (const c of classes) {
    lines.push(t(c.created ? "roster.classAddedNew" : "roster.classAdded", { label: c.label, count: c.added }));
  }
  if (result.parentsAdded > 0) lines.push(t("roster.parentsAdded", { count: result.parentsAdded }));
  if (result.skipped.length > 0) {
    lines.push("", t("roster.skipped", { count: result.skipped.length }));
    for (const row of result.skipped.slice(0, MAX_ISSUES_SHOWN)) {
      lines.push(t("roster.skippedLine", { name: row.fullName, label: row.classLabel, line: row.line }));
    }
    if (result.skipped.length > MAX_ISSUES_SHOWN) lines.push(t("roster.moreSkipped", { count: result.skipped.length - MAX_ISSUES_SHOWN }));
  }
  return lines.join("\n");
}

export function addStudentKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("students.addButton"), STUDENTS_DATA.add.encode({}));
}
