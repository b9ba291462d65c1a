import { recordAudit } from "../../repositories/audit-repository.js";
import { createPlanRepository } from "../../repositories/plan-repository.js";
import type { Actor } from "../actor.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { loadPlanCase } from "./plan-access.js";

export interface AttachPlanFileOptions {
  actor: Actor;
  caseId: string;
  /** Telegram's file_id: the file stays in Telegram. */
  telegramFile: string;
  fileName: string;
}

/** Keeps the ИПР as a document of the case (a CaseAttachment of kind "plan"). */
export async function attachPlanFile(deps: CaseServiceDeps, options: AttachPlanFileOptions): Promise<number> {
  const { stored, at } = await loadPlanCase(deps, options.actor, options.caseId);
  const plans = createPlanRepository(deps.db);
  return deps.db.$transaction(async (tx) => {
    const attachmentId = await plans.addAttachment(tx, stored.schoolId, stored.state.id, {
      kind: "plan",
      telegramFile: options.telegramFile,
      fileName: options.fileName.trim().slice(0, 200),
      ...(options.actor.memberId !== undefined ? { addedBy: options.actor.memberId } : {}),
      at,
    });
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "plan.fileAttached",
      subject: `case:${stored.state.id}`,
      detail: { memberId: options.actor.memberId ?? null, attachmentId },
      at,
    });
    return attachmentId;
  });
}
