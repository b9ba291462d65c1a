import { recordOccurrence } from "../../domain/case/index.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createPlanRepository } from "../../repositories/plan-repository.js";
import { AppError, domainCall } from "../app-error.js";
import type { Actor } from "../actor.js";
import { savedRevision, type CaseServiceDeps } from "../cases/case-service.js";
import { loadPlanCase } from "./plan-access.js";
import { controlStepOf } from "./plan-steps.js";

export interface TogglePlanMeasureOptions {
  actor: Actor;
  caseId: string;
  measureId: number;
}

export interface ToggledMeasure {
  done: boolean;
  /** Ticking a measure counted as today's check of the plan (the control step's occurrence). */
  occurrenceRecorded: boolean;
}

/**
 * Marks a measure done today, or not done again. Ticking one is a check of the plan's execution,
 * so it records today's occurrence of the control step when none is recorded for today yet —
 * in the same transaction as the tick.
 */
export async function togglePlanMeasure(deps: CaseServiceDeps, options: TogglePlanMeasureOptions): Promise<ToggledMeasure> {
  const { actor, caseId, measureId } = options;
  const { stored, regulation, today, at, actorId } = await loadPlanCase(deps, actor, caseId);
  const plans = createPlanRepository(deps.db);
  const measure = await plans.findMeasure(stored.schoolId, stored.state.id, measureId);
  if (!measure) throw new AppError("notFound", `no measure ${measureId} in case ${caseId}`);
  const done = measure.doneOn === undefined;

  const control = controlStepOf(regulation);
  const controlRecord = control ? stored.state.steps[control.id] : undefined;
  const occurrence =
    done && control && controlRecord?.state === "open" && !controlRecord.occurrences.includes(today)
      ? domainCall(() => recordOccurrence(regulation, stored.state, { stepId: control.id, actorId, on: today, today }))
      : undefined;

  const cases = createCaseRepository(deps.db);
  await deps.db.$transaction(async (tx) => {
    await plans.setMeasureDone(tx, stored.schoolId, stored.state.id, measureId, done ? today : null);
    let revision = stored.revision;
    if (occurrence) {
      revision = savedRevision(
        await cases.update(tx, stored.schoolId, occurrence.state, stored.revision),
        stored.state.id,
        stored.revision,
      );
      await cases.appendEvents(tx, stored.schoolId, stored.state.id, occurrence.events, at);
    }
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: actor.userId ?? null,
      action: done ? "plan.measureDone" : "plan.measureReopened",
      subject: `case:${stored.state.id}`,
      detail: { memberId: actor.memberId ?? null, measureId, revision, occurrence: occurrence !== undefined },
      at,
    });
  });
  return { done, occurrenceRecorded: occurrence !== undefined };
}
