import type { LocalDate } from "../../domain/dates.js";
import { schoolYearStart } from "../../domain/school-year.js";
import type { StepRecord } from "../../domain/case/index.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import { createLookupRepository } from "../../repositories/lookup-repository.js";
import { createAdminRepository } from "../../repositories/admin-repository.js";
import { EARLY_WARNING_SCHOOL_DAYS } from "../../domain/attendance/absence-run.js";
import type { Actor } from "../actor.js";
import { studentsAtRisk, type StudentAtRisk } from "../attendance/plan-attendance-warnings.js";
import { can } from "../access-policy.js";
import { requireRole } from "../cases/case-service.js";
import { familyNotReached, planGap } from "../deputy/school-summary.js";
import { loadSchoolCases, type SchoolCase, type SchoolCases } from "../deputy/school-cases.js";
import { planStepOf } from "../plans/plan-steps.js";
import { createSosRepository } from "../../repositories/sos-repository.js";
import { getSosDetails, type SosDetails } from "../sos/sos-details.js";
import type { DashboardDeps } from "./dashboard-session.js";

/*
 * The dashboard's overview (issue 16): what a deputy or the director needs at a glance — open
 * cases by regulation and class, late steps and how late, students on ВШУ without an ИПР, families
 * not contacted for over 7 days, students at risk by attendance, cases opened and closed per month,
 * and the median days from the notice to the ИПР. A teacher sees the same of their own cases.
 */

export interface DashboardCaseRef {
  caseId: number;
  studentName?: string;
  classLabel?: string;
  teacherName: string;
  regulation: Regulation;
}

export interface OverdueStep extends DashboardCaseRef {
  stepNumber: string;
  stepId: string;
  dueOn: LocalDate;
  lateSchoolDays: number;
}

export interface DashboardOverview {
  today: LocalDate;
  /** The first day of the school year (the period an export covers unless changed). */
  schoolYearStart: LocalDate;
  /** The school's timezone (the page gives times in it). */
  timezone: string;
  /** "school": a deputy's or the director's; "own": a teacher's cases. */
  scope: "school" | "own";
  openCases: number;
  byRegulation: { regulation: Regulation; count: number }[];
  byClass: { classLabel: string; count: number }[];
  overdue: OverdueStep[];
  withoutPlan: DashboardCaseRef[];
  noFamilyContact: DashboardCaseRef[];
  atRisk: StudentAtRisk[];
  /** The last 12 months, oldest first: "2026-11". */
  months: { month: string; opened: number; closed: number }[];
  /** Emergencies nobody has taken in the last day, for those who take them («Принято»). */
  sos: SosDetails[];
  /** Calendar days from the notice (the opening) to the ИПР, over the cases of the 12 months that have one. */
  daysToPlan?: { median: number; cases: number };
}

/** Where the school's derived cases come from: loaded now, or a short-lived copy the dashboard keeps. */
export type SchoolCasesSource = (schoolId: number) => Promise<SchoolCases>;

/** The cases the actor may see on the dashboard: the school's, or a teacher's own. */
export async function dashboardCases(
  deps: DashboardDeps,
  actor: Actor,
  source?: SchoolCasesSource,
): Promise<{ school: SchoolCases; cases: SchoolCase[]; scope: "school" | "own" }> {
  const { schoolId, memberId } = await requireRole(deps, actor, "useDashboard", "dashboard");
  const scope = can(actor, "viewSchool") ? "school" : "own";
  const school = await (source ?? ((id: number) => loadSchoolCases(deps, id)))(schoolId);
  const cases = scope === "school" ? school.cases : school.cases.filter((c) => c.teacherMemberId === memberId);
  return { school, cases, scope };
}

function refOf(c: SchoolCase): DashboardCaseRef {
  return {
    caseId: c.caseId,
    teacherName: c.teacherName,
    regulation: c.regulation,
    ...(c.studentName ? { studentName: c.studentName } : {}),
    ...(c.classLabel ? { classLabel: c.classLabel } : {}),
  };
}

/** The `count` months up to today's, oldest first: "2026-01" … "2026-12". */
export function lastMonths(today: LocalDate, count: number): string[] {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const m = index - (count - 1 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const daysBetween = (from: LocalDate, to: LocalDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export async function getDashboardOverview(
  deps: DashboardDeps,
  options: { actor: Actor; schoolCases?: SchoolCasesSource },
): Promise<DashboardOverview> {
  const { actor } = options;
  const { school, cases, scope } = await dashboardCases(deps, actor, options.schoolCases);
  const { today, calendar } = school;

  const byRegulation = new Map<string, { regulation: Regulation; count: number }>();
  const byClass = new Map<string, number>();
  const overdue: OverdueStep[] = [];
  const withoutPlan: DashboardCaseRef[] = [];
  const noFamilyContact: DashboardCaseRef[] = [];
  for (const c of cases) {
    const entry = byRegulation.get(c.regulation.id) ?? { regulation: c.regulation, count: 0 };
    entry.count++;
    byRegulation.set(c.regulation.id, entry);
    byClass.set(c.classLabel ?? "", (byClass.get(c.classLabel ?? "") ?? 0) + 1);
    for (const step of c.steps) {
      if (step.status !== "overdue" || !step.dueOn) continue;
      overdue.push({
        ...refOf(c),
        stepId: step.stepId,
        stepNumber: c.regulation.steps.find((s) => s.id === step.stepId)?.number ?? "",
        dueOn: step.dueOn,
        lateSchoolDays: calendar.schoolDaysBetween(step.dueOn, today),
      });
    }
    if (planGap(c)) withoutPlan.push(refOf(c));
    if (familyNotReached(c)) noFamilyContact.push(refOf(c));
  }
  overdue.sort((a, b) => b.lateSchoolDays - a.lateSchoolDays || a.caseId - b.caseId);

  // Students at risk: the school's (a teacher: of their classes).
  const warnDays = (await createAdminRepository(deps.db).attendanceSettings(school.schoolId))?.warnDays ?? EARLY_WARNING_SCHOOL_DAYS;
  let atRisk = await studentsAtRisk(deps, { id: school.schoolId, timezone: school.timezone, warnDays }, calendar, today);
  if (scope === "own") {
    const labels = new Set((await createLookupRepository(deps.db).classesOf(school.schoolId, actor.memberId!)).map((k) => k.label));
    atRisk = atRisk.filter((s) => labels.has(s.classLabel));
  }

  // The 12 months: opened and closed, and the days from the notice to the ИПР.
  const monthList = lastMonths(today, 12);
  const firstMonth = monthList[0]!;
  const history = await createDeputyViewsRepository(deps.db).casesSince(
    school.schoolId,
    `${firstMonth}-01`,
    scope === "own" ? actor.memberId : undefined,
  );
  const months = new Map<string, { month: string; opened: number; closed: number }>();
  for (const month of monthList) months.set(month, { month, opened: 0, closed: 0 });
  const toPlan: number[] = [];
  for (const row of history) {
    const opened = months.get(row.openedOn.slice(0, 7));
    if (opened) opened.opened++;
    const closed = row.closedOn ? months.get(row.closedOn.slice(0, 7)) : undefined;
    if (closed) closed.closed++;
    if (!deps.regulations.has(row.regulationId) || row.openedOn < `${firstMonth}-01`) continue;
    const plan = planStepOf(deps.regulations.get(row.regulationId, row.regulationVersion));
    const record = plan ? (JSON.parse(row.steps) as Record<string, StepRecord>)[plan.id] : undefined;
    if (record?.state === "done" && record.completedOn && record.completedOn >= row.openedOn)
      toPlan.push(daysBetween(row.openedOn, record.completedOn));
  }

  // Emergencies nobody has taken yet (the last day), for deputies and the director.
  const sos: SosDetails[] = [];
  if (can(actor, "acknowledgeSos")) {
    const since = new Date(deps.now().getTime() - 24 * 3_600_000);
    for (const alert of await createSosRepository(deps.db).unacknowledgedOf(school.schoolId, since)) {
      sos.push(await getSosDetails(deps, { actor, alertId: alert.id }));
    }
  }

  return {
    today,
    timezone: school.timezone,
    schoolYearStart: schoolYearStart(today),
    scope,
    sos,
    openCases: cases.length,
    byRegulation: [...byRegulation.values()].sort((a, b) => b.count - a.count),
    byClass: [...byClass]
      .map(([classLabel, count]) => ({ classLabel, count }))
      .sort((a, b) => a.classLabel.localeCompare(b.classLabel, "ru", { numeric: true })),
    overdue,
    withoutPlan,
    noFamilyContact,
    atRisk,
    months: [...months.values()],
    ...(toPlan.length > 0 ? { daysToPlan: { median: median(toPlan), cases: toPlan.length } } : {}),
  };
}
