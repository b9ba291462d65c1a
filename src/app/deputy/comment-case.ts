import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";

export const COMMENT_MAX = 1000;

/**
 * A comment on a case (a deputy's or the director's, or the teacher's own): a "comment" event in
 * its chronology, with an audit row that holds no content. The case's state does not change.
 */
export async function commentCase(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; text: string /** A note on one step («📝 Заметка»); it completes nothing. */; stepId?: string },
): Promise<void> {
  const text = options.text.trim();
  if (!text) throw new AppError("invalidInput", "empty comment");
  const { stored, regulation, at, today, actorId } = await loadCaseFor(deps, options.actor, options.caseId, "comment");
  const { stepId } = options;
  if (stepId !== undefined && !regulation.steps.some((s) => s.id === stepId)) throw new AppError("invalidInput", `no step ${stepId}`);
  // A note on a step belongs to the work in progress; a closed case takes comments only.
  if (stepId !== undefined && stored.state.status !== "open") throw new AppError("caseClosed", `case ${options.caseId} is closed`);
  const cases = createCaseRepository(deps.db);
  await deps.db.$transaction(async (tx) => {
    await cases.appendEvents(
      tx,
      stored.schoolId,
      stored.state.id,
      [{ type: "comment", on: today, actorId, ...(stepId ? { stepId } : {}), data: { note: text.slice(0, COMMENT_MAX) } }],
      at,
    );
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "case.commented",
      subject: `case:${stored.state.id}`,
      detail: { memberId: options.actor.memberId ?? null },
      at,
    });
  });
}
