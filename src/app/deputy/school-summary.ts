import type { LocalDate } from "../../domain/dates.js";
import type { Actor } from "../actor.js";
import { requireRole, type CaseServiceDeps } from "../cases/case-service.js";
import { planStepOf } from "../plans/plan-steps.js";
import { loadSchoolCases, type SchoolCase } from "./school-cases.js";

/** The recurring steps that are the teacher's contact with the family («поддерживает связь с семьёй»). */
export const FAMILY_CONTACT_STEPS: readonly string[] = ["keepInTouch"];

export interface SummaryCase {
  caseId: number;
  studentName?: string;
  classLabel?: string;
  teacherName: string;
}

export interface SchoolSummary {
  today: LocalDate;
  openCases: number;
  byRegulation: { regulationId: string; count: number }[];
  byClass: { classLabel: string; count: number }[];
  /**
   * On ВШУ without an ИПР: a case whose regulation has a plan step (the ИПР, see plan-steps) that is
   * either done with no PlanMeasure rows recorded, or overdue.
   */
  withoutPlan: (SummaryCase & { reason: "noMeasures" | "planOverdue" })[];
  /** No family contact in 7 days: the weekly keep-in-touch step is overdue. */
  noFamilyContact: SummaryCase[];
}

function summaryCase(c: SchoolCase): SummaryCase {
  return {
    caseId: c.caseId,
    teacherName: c.teacherName,
    ...(c.studentName ? { studentName: c.studentName } : {}),
    ...(c.classLabel ? { classLabel: c.classLabel } : {}),
  };
}

/**
 * Why a case counts as «на ВШУ без ИПР»: its plan step done with no measure and no plan file, or
 * late; undefined when neither (or the regulation has no ИПР). /school and the dashboard ask here.
 */
export function planGap(c: SchoolCase): "noMeasures" | "planOverdue" | undefined {
  const plan = planStepOf(c.regulation);
  const view = plan ? c.steps.find((s) => s.stepId === plan.id) : undefined;
  if (view?.status === "done" && c.planMeasures === 0 && c.planFiles === 0) return "noMeasures";
  return view?.status === "overdue" ? "planOverdue" : undefined;
}

/** No family contact in 7 days: the weekly keep-in-touch step is late. */
export function familyNotReached(c: SchoolCase): boolean {
  return c.steps.some((s) => FAMILY_CONTACT_STEPS.includes(s.stepId) && s.status === "overdue");
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** /school: open cases by regulation and class, students on ВШУ without an ИПР, families not contacted. */
export async function summarizeSchool(deps: CaseServiceDeps, options: { actor: Actor }): Promise<SchoolSummary> {
  const { schoolId } = await requireRole(deps, options.actor, "viewSchool", "school:summary");
  const school = await loadSchoolCases(deps, schoolId);
  const byRegulation = [...countBy(school.cases.map((c) => c.regulation.id))].map(([regulationId, count]) => ({ regulationId, count }));
  const byClass = [...countBy(school.cases.map((c) => c.classLabel ?? ""))]
    .map(([classLabel, count]) => ({ classLabel, count }))
    .sort((a, b) => a.classLabel.localeCompare(b.classLabel, "ru", { numeric: true }));

  const withoutPlan: SchoolSummary["withoutPlan"] = [];
  const noFamilyContact: SummaryCase[] = [];
  for (const c of school.cases) {
    const gap = planGap(c);
    if (gap) withoutPlan.push({ ...summaryCase(c), reason: gap });
    if (familyNotReached(c)) noFamilyContact.push(summaryCase(c));
  }
  return { today: school.today, openCases: school.cases.length, byRegulation, byClass, withoutPlan, noFamilyContact };
}
