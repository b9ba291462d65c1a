import type { StepView } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Actor } from "../actor.js";
import type { CaseServiceDeps } from "./case-service.js";
import { listMyCases, type MyCase } from "./list-my-cases.js";

/** Statuses that belong on today's list, most urgent first. */
const TODAY_STATUSES = ["overdue", "dueToday", "dueSoon"] as const;

export interface TodayCase {
  case: MyCase;
  /** The case's steps that are overdue, due today or due soon / in their window, most urgent first. */
  items: StepView[];
}

export interface TodayGroup {
  /** The student (or, for a class-level case, the class) the cases are about. */
  studentName?: string;
  classLabel?: string;
  cases: TodayCase[];
}

export interface TodayList {
  today: LocalDate;
  schoolDay: boolean;
  /** How many open cases the teacher has at all. */
  openCases: number;
  groups: TodayGroup[];
}

/** Everything of the acting teacher's that needs attention today, grouped by student. */
export async function listToday(deps: CaseServiceDeps, options: { actor: Actor }): Promise<TodayList> {
  const mine = await listMyCases(deps, options);
  const groups = new Map<string, TodayGroup>();
  for (const item of mine.cases) {
    const items = item.steps
      .filter((s) => (TODAY_STATUSES as readonly string[]).includes(s.status))
      .sort(
        (a, b) =>
          TODAY_STATUSES.indexOf(a.status as never) - TODAY_STATUSES.indexOf(b.status as never) ||
          (a.dueOn ?? "").localeCompare(b.dueOn ?? ""),
      );
    if (items.length === 0) continue;
    const key = item.studentId !== undefined ? `student:${item.studentId}` : `class:${item.classLabel ?? ""}`;
    const group = groups.get(key) ?? {
      ...(item.studentName ? { studentName: item.studentName } : {}),
      ...(item.classLabel ? { classLabel: item.classLabel } : {}),
      cases: [],
    };
    group.cases.push({ case: item, items });
    groups.set(key, group);
  }
  return { today: mine.today, schoolDay: mine.schoolDay, openCases: mine.cases.length, groups: [...groups.values()] };
}
