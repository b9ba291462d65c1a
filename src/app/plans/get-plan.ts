import type { LocalDate } from "../../domain/dates.js";
import { createPlanRepository, type CaseAttachmentRecord, type PlanMeasureRecord } from "../../repositories/plan-repository.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import type { StoredCase } from "../../repositories/case-repository.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";
import { controlStepOf, planStarted, planStepOf } from "./plan-steps.js";

export interface GetPlanOptions {
  actor: Actor;
  caseId: string;
}

export interface CasePlan {
  /** The step whose completion starts the plan; none when the regulation has no ИПР. */
  planStepId?: string;
  controlStepId?: string;
  /**
   * Measures can be recorded: the plan step is done or skipped, or its anchor is reached (the plan
   * is drawn up while the step is open, and the step needs it before it is done).
   */
  ready: boolean;
  open: boolean;
  measures: PlanMeasureRecord[];
  files: CaseAttachmentRecord[];
  /** An ИПР proper (the regulation names its basis): it carries the date of registration (ВШУ). */
  formal: boolean;
  registeredOn?: LocalDate;
  /** When the parents read the ИПР, once recorded. */
  readOn?: LocalDate;
}

export async function getPlan(deps: CaseServiceDeps, options: GetPlanOptions): Promise<CasePlan> {
  const { stored, regulation } = await loadCaseFor(deps, options.actor, options.caseId, "viewCase");
  return planOf(deps, stored, regulation);
}

/** The plan of a case already loaded for someone allowed to view it (getPlan, the case card). */
export async function planOf(deps: Pick<CaseServiceDeps, "db">, stored: StoredCase, regulation: Regulation): Promise<CasePlan> {
  const planStep = planStepOf(regulation);
  const controlStep = controlStepOf(regulation);
  const plans = createPlanRepository(deps.db);
  const [measures, files] = await Promise.all([
    plans.measures(stored.schoolId, stored.state.id),
    plans.attachments(stored.schoolId, stored.state.id, "plan"),
  ]);
  return {
    ...(planStep ? { planStepId: planStep.id } : {}),
    ...(controlStep ? { controlStepId: controlStep.id } : {}),
    ready: planStep !== undefined && planStarted(planStep, stored.state),
    open: stored.state.status === "open",
    measures,
    files,
    formal: regulation.planBasis !== undefined,
    ...(stored.registeredOn ? { registeredOn: stored.registeredOn } : {}),
    ...(stored.planReadOn ? { readOn: stored.planReadOn } : {}),
  };
}
