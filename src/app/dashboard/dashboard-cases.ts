import { addDays, type LocalDate } from "../../domain/dates.js";
import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import type { Actor } from "../actor.js";
import { dashboardCases, type DashboardCaseRef } from "./dashboard-overview.js";
import type { DashboardDeps } from "./dashboard-session.js";

/*
 * The dashboard's list of open cases (issue 16), filtered by class, regulation, teacher and
 * lateness. A filter value is only ever compared with what the actor may see: an unknown class or
 * teacher finds nothing, never another school's cases.
 */

/** Closed cases listed at most (the latest first). */
const CLOSED_SHOWN = 500;

export interface DashboardCaseFilter {
  /** Open cases unless "closed" (those closed in the last 12 months). */
  status?: "open" | "closed";
  classLabel?: string;
  regulationId?: string;
  teacherMemberId?: number;
  overdueOnly?: boolean;
  /** Opened within these dates (either may be left out): the period a school reports on. */
  openedFrom?: LocalDate;
  openedTo?: LocalDate;
}

export interface DashboardCaseRow extends DashboardCaseRef {
  openedOn: LocalDate;
  closedOn?: LocalDate;
  teacherMemberId: number;
  /** Late steps, and the latest's school days. */
  overdueSteps: number;
  lateSchoolDays: number;
}

export interface DashboardCaseList {
  today: LocalDate;
  scope: "school" | "own";
  filter: DashboardCaseFilter;
  rows: DashboardCaseRow[];
  /** The choices of the filters, from the cases the actor may see. */
  classes: string[];
  regulations: Regulation[];
  teachers: { memberId: number; name: string }[];
}

export async function listDashboardCases(
  deps: DashboardDeps,
  options: { actor: Actor; filter: DashboardCaseFilter },
): Promise<DashboardCaseList> {
  const { school, cases, scope } = await dashboardCases(deps, options.actor);
  const { filter } = options;
  const closed = async (): Promise<DashboardCaseRow[]> => {
    const since = addDays(school.today, -365);
    const rows = await createDeputyViewsRepository(deps.db).closedCases(
      school.schoolId,
      since,
      CLOSED_SHOWN,
      scope === "own" ? options.actor.memberId : undefined,
    );
    return rows.flatMap((r) =>
      deps.regulations.has(r.regulationId)
        ? [{ ...r, regulation: deps.regulations.get(r.regulationId, r.regulationVersion), overdueSteps: 0, lateSchoolDays: 0 }]
        : [],
    );
  };
  const open: DashboardCaseRow[] = cases.map((c) => {
    const late = c.steps.filter((s) => s.status === "overdue" && s.dueOn);
    return {
      caseId: c.caseId,
      teacherName: c.teacherName,
      teacherMemberId: c.teacherMemberId,
      regulation: c.regulation,
      openedOn: c.state.openedOn,
      ...(c.studentName ? { studentName: c.studentName } : {}),
      ...(c.classLabel ? { classLabel: c.classLabel } : {}),
      overdueSteps: late.length,
      lateSchoolDays: Math.max(0, ...late.map((s) => school.calendar.schoolDaysBetween(s.dueOn!, school.today))),
    };
  });
  const all = filter.status === "closed" ? await closed() : open;
  const rows = all
    .filter(
      (r) =>
        (filter.classLabel === undefined || r.classLabel === filter.classLabel) &&
        (filter.regulationId === undefined || r.regulation.id === filter.regulationId) &&
        (filter.teacherMemberId === undefined || r.teacherMemberId === filter.teacherMemberId) &&
        (!filter.overdueOnly || r.overdueSteps > 0) &&
        (filter.openedFrom === undefined || r.openedOn >= filter.openedFrom) &&
        (filter.openedTo === undefined || r.openedOn <= filter.openedTo),
    )
    .sort(
      (a, b) =>
        b.lateSchoolDays - a.lateSchoolDays ||
        (a.classLabel ?? "").localeCompare(b.classLabel ?? "", "ru", { numeric: true }) ||
        a.caseId - b.caseId,
    );
  const regulations = new Map(all.map((r) => [r.regulation.id, r.regulation]));
  const teachers = new Map(all.map((r) => [r.teacherMemberId, r.teacherName]));
  return {
    today: school.today,
    scope,
    filter,
    rows,
    classes: [...new Set(all.flatMap((r) => (r.classLabel ? [r.classLabel] : [])))].sort((a, b) =>
      a.localeCompare(b, "ru", { numeric: true }),
    ),
    regulations: [...regulations.values()],
    teachers: [...teachers].map(([memberId, name]) => ({ memberId, name })).sort((a, b) => a.name.localeCompare(b.name, "ru")),
  };
}
