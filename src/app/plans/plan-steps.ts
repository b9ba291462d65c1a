import type { CaseState } from "../../domain/case/index.js";
import type { Regulation, RegulationStep } from "../../domain/regulation/schema.js";

/*
 * Which steps of a regulation carry an ИПР, read from the definition rather than named in code:
 * the plan step is one whose completion starts recurring steps (drawing up the plan starts the
 * weekly duties), and the first such recurring step is the plan's control step (checking its
 * execution), whose occurrences ticking a measure records.
 */

function recurringAnchoredOn(regulation: Regulation, stepId: string): RegulationStep[] {
  return regulation.steps.filter(
    (s) => s.timing.kind === "recurring" && s.timing.anchor.kind === "stepCompleted" && s.timing.anchor.step === stepId,
  );
}

export function planStepOf(regulation: Regulation): RegulationStep | undefined {
  return regulation.steps.find((s) => s.timing.kind !== "recurring" && recurringAnchoredOn(regulation, s.id).length > 0);
}

export function controlStepOf(regulation: Regulation): RegulationStep | undefined {
  const plan = planStepOf(regulation);
  return plan ? recurringAnchoredOn(regulation, plan.id)[0] : undefined;
}

/** The plan step is resolved, or its anchor is reached (a step with no anchor: only once resolved). */
export function planStarted(planStep: RegulationStep, state: CaseState): boolean {
  const record = state.steps[planStep.id];
  if (record && record.state !== "open") return true;
  if (!("anchor" in planStep.timing)) return false;
  const anchor = planStep.timing.anchor;
  return anchor.kind === "caseOpened" || (state.steps[anchor.step]?.state ?? "open") !== "open";
}

/**
 * What a transition does to the date of registration (ВШУ), which follows the regulation's
 * registration step while nobody typed another: the step done → its date (when none is
 * recorded); its date corrected → the new date; the mark undone → no date. A date recorded by
 * hand (not the step's) stays. `undefined`: nothing changes; `null`: the date is cleared.
 */
export function registrationChange(
  regulation: Regulation,
  before: CaseState,
  after: CaseState,
  recorded: string | null,
): string | null | undefined {
  const stepId = regulation.registrationStep;
  if (!stepId) return undefined;
  const was = before.steps[stepId];
  const now = after.steps[stepId];
  const wasOn = was?.state === "done" ? was.completedOn : undefined;
  const nowOn = now?.state === "done" ? now.completedOn : undefined;
  if (wasOn === nowOn) return undefined;
  // Only a date that came from the step follows it.
  if (recorded !== null && recorded !== wasOn) return undefined;
  return nowOn ?? null;
}
