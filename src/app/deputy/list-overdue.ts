import type { LocalDate } from "../../domain/dates.js";
import type { Actor } from "../actor.js";
import { requireRole, type CaseServiceDeps } from "../cases/case-service.js";
import { loadSchoolCases } from "./school-cases.js";

export interface OverdueItem {
  caseId: number;
  regulationId: string;
  studentName?: string;
  stepNumber: string;
  stepId: string;
  dueOn: LocalDate;
  /** School days between the due date and today. */
  lateSchoolDays: number;
}

export interface OverdueGroup {
  classLabel: string;
  teacherName: string;
  items: OverdueItem[];
}

export interface OverdueList {
  today: LocalDate;
  total: number;
  groups: OverdueGroup[];
}

/**
 * /overdue: the late steps of the cases in a deputy's charge (the director's: of the whole
 * school), by class and teacher, the latest first within a group.
 */
export async function listOverdue(deps: CaseServiceDeps, options: { actor: Actor }): Promise<OverdueList> {
  const { schoolId, memberId } = await requireRole(deps, options.actor, "viewSchool", "school:overdue");
  const school = await loadSchoolCases(deps, schoolId);
  const wholeSchool = options.actor.roles.includes("director");
  const groups = new Map<string, OverdueGroup>();
  let total = 0;
  for (const c of school.cases) {
    if (!wholeSchool && c.deputyInCharge !== memberId) continue;
    for (const step of c.steps) {
      if (step.status !== "overdue" || !step.dueOn) continue;
      const classLabel = c.classLabel ?? "";
      const key = `${classLabel}\u0000${c.teacherName}`;
      const group = groups.get(key) ?? { classLabel, teacherName: c.teacherName, items: [] };
      group.items.push({
        caseId: c.caseId,
        regulationId: c.regulation.id,
        ...(c.studentName ? { studentName: c.studentName } : {}),
        stepNumber: c.regulation.steps.find((s) => s.id === step.stepId)?.number ?? "",
        stepId: step.stepId,
        dueOn: step.dueOn,
        lateSchoolDays: school.calendar.schoolDaysBetween(step.dueOn, school.today),
      });
      groups.set(key, group);
      total++;
    }
  }
  const sorted = [...groups.values()].sort(
    (a, b) => a.classLabel.localeCompare(b.classLabel, "ru", { numeric: true }) || a.teacherName.localeCompare(b.teacherName, "ru"),
  );
  for (const g of sorted) g.items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseId - b.caseId);
  return { today: school.today, total, groups: sorted };
}
