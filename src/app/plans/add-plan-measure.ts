import type { LocalDate } from "../../domain/dates.js";
import { isLocalDate } from "../../domain/dates.js";
import { isPlanArea, type PlanArea } from "../../domain/plans/plan-areas.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createPlanRepository } from "../../repositories/plan-repository.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { loadPlanCase } from "./plan-access.js";

export interface AddPlanMeasureOptions {
  actor: Actor;
  caseId: string;
  what: string;
  /** The ИПР's area (with the student, the family, teachers, other agencies); the student's unless said. */
  area?: PlanArea;
  who: string;
  dueOn?: LocalDate;
}

export const MEASURE_TEXT_MAX = 300;

function clean(text: string, field: string): string {
  const value = text.trim().replace(/\s+/g, " ");
  if (!value || value.length > MEASURE_TEXT_MAX) throw new AppError("invalidInput", `bad ${field}`);
  return value;
}

/** Adds one measure (what, in which area, who, by when) at the end of the case's ИПР. */
export async function addPlanMeasure(deps: CaseServiceDeps, options: AddPlanMeasureOptions): Promise<number> {
  const { stored, at } = await loadPlanCase(deps, options.actor, options.caseId);
  const what = clean(options.what, "what");
  const who = clean(options.who, "who");
  if (options.area !== undefined && !isPlanArea(options.area)) throw new AppError("invalidInput", `bad area ${options.area}`);
  if (options.dueOn !== undefined && !isLocalDate(options.dueOn)) throw new AppError("invalidDate", `not a date: ${options.dueOn}`);
  const plans = createPlanRepository(deps.db);
  return deps.db.$transaction(async (tx) => {
    const measureId = await plans.addMeasure(tx, stored.schoolId, stored.state.id, {
      what,
      who,
      ...(options.area ? { area: options.area } : {}),
      ...(options.dueOn ? { dueOn: options.dueOn } : {}),
    });
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "plan.measureAdded",
      subject: `case:${stored.state.id}`,
      detail: { memberId: options.actor.memberId ?? null, measureId },
      at,
    });
    return measureId;
  });
}
