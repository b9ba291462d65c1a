import type { StepStatus } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/dates.js";
import { schoolYearStart } from "../../domain/school-year.js";
import { createEventRepository } from "../../repositories/event-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { requireRole, schoolNow, type CaseServiceDeps } from "../cases/case-service.js";
import { getCaseCard } from "../cases/get-case-card.js";
import { openCase } from "../cases/open-case.js";

export const UPBRINGING_REGULATION = "interaction-3-upbringing";

export { schoolYearStart } from "../../domain/school-year.js";

/**
 * The class's upbringing case for the current school year, opened on the year's first day so that
 * both annual deadlines (the plan in September, the analysis in May) fall inside that year.
 * A second call finds the same case.
 */
export async function ensureClassCase(deps: CaseServiceDeps, actor: Actor, classId: number): Promise<number> {
  const { schoolId } = await requireRole(deps, actor, "openCase", `class:${classId}`);
  const { today } = await schoolNow(deps, schoolId);
  const openedOn = schoolYearStart(today);
  const events = createEventRepository(deps.db);
  const existing = await events.findClassCase(schoolId, classId, UPBRINGING_REGULATION, openedOn);
  if (existing !== undefined) return existing;
  const opened = await openCase(deps, { actor, regulationId: UPBRINGING_REGULATION, classId, openedOn });
  return Number(opened.state.id);
}

export interface AnnualTask {
  stepId: string;
  number: string;
  status: StepStatus;
  dueOn?: LocalDate;
  completedOn?: LocalDate;
}

export interface ClassAnnualTasks {
  classId: number;
  classLabel: string;
  caseId: number;
  tasks: AnnualTask[];
}

/** /annual: for each class the teacher leads, the two once-a-year tasks with their due dates and status. */
export async function listAnnualTasks(deps: CaseServiceDeps, options: { actor: Actor }): Promise<ClassAnnualTasks[]> {
  const { actor } = options;
  const { schoolId, memberId } = await requireRole(deps, actor, "openCase", "annual");
  const classes = await createEventRepository(deps.db).classesOfTeacher(schoolId, memberId);
  const result: ClassAnnualTasks[] = [];
  for (const schoolClass of classes) {
    const caseId = await ensureClassCase(deps, actor, schoolClass.id);
    const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
    const annual = new Set(card.regulation.steps.filter((s) => s.timing.kind === "annual").map((s) => s.id));
    const tasks = card.steps
      .filter((view) => annual.has(view.stepId))
      .map((view) => {
        const completedOn = card.state.steps[view.stepId]?.completedOn;
        return {
          stepId: view.stepId,
          number: view.number,
          status: view.status,
          ...(view.dueOn ? { dueOn: view.dueOn } : {}),
          ...(completedOn ? { completedOn } : {}),
        };
      });
    result.push({ classId: schoolClass.id, classLabel: schoolClass.label, caseId, tasks });
  }
  if (result.length === 0 && classes.length === 0) throw new AppError("notFound", "the teacher leads no class");
  return result;
}
