import type { Regulation, RegulationStep } from "../regulation/schema.js";
import { CaseError } from "./case-error.js";
import type { CaseState, StepRecord } from "./case-state.js";

/*
 * A weekly duty that had started but was never recorded is a gap a case should not close over
 * silently: closing then needs the teacher's short reason, which is stored on each such step
 * (`gapReason`) and in the caseClosed event, so the chronology and the deputy see it.
 */

export const GAP_REASON_MAX = 200;

/** Recurring steps whose anchor was reached, still open, with no occurrence at all. */
export function unrecordedWeeklySteps(regulation: Regulation, state: CaseState): RegulationStep[] {
  return regulation.steps.filter((step) => {
    if (step.timing.kind !== "recurring") return false;
    const record = state.steps[step.id];
    if (!record || record.state !== "open" || record.occurrences.length > 0) return false;
    const anchor = step.timing.anchor;
    return anchor.kind === "caseOpened" || (state.steps[anchor.step]?.state ?? "open") !== "open";
  });
}

/**
 * The state with the reason kept on each gap, and the event data naming them; a close over gaps
 * without a reason (or with one too long) is refused.
 */
export function withGapReason(
  regulation: Regulation,
  state: CaseState,
  gapReason: string | undefined,
): { state: CaseState; data: { gapSteps?: string; gapReason?: string } } {
  const gaps = unrecordedWeeklySteps(regulation, state);
  if (gaps.length === 0) return { state, data: {} };
  const reason = gapReason?.trim().replace(/\s+/g, " ");
  if (!reason) throw new CaseError("gapReasonRequired", `steps ${gaps.map((s) => s.id).join(", ")} were never recorded`);
  if (reason.length > GAP_REASON_MAX) throw new CaseError("gapReasonTooLong", `${reason.length} > ${GAP_REASON_MAX} characters`);
  const steps: Record<string, StepRecord> = { ...state.steps };
  for (const step of gaps) steps[step.id] = { ...steps[step.id]!, gapReason: reason };
  return { state: { ...state, steps }, data: { gapSteps: gaps.map((s) => s.id).join(","), gapReason: reason } };
}
