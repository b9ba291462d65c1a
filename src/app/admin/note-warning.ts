import { hasAudit, recordAudit } from "../../repositories/audit-repository.js";
import type { Actor } from "../actor.js";
import type { PeopleDeps } from "../people/operator.js";

const ACTION = "privacy.noteWarningShown";

/**
 * True the first time this person is about to write a free-text note (show «заметки видны
 * сотрудникам школы», locale key `privacy.noteWarning`), false ever after. Remembered in the audit
 * trail, so it needs no column of its own.
 */
export async function takeNoteWarning(deps: PeopleDeps, actor: Actor | undefined): Promise<boolean> {
  if (!actor?.userId) return false;
  const subject = `user:${actor.userId}`;
  if (await hasAudit(deps.db, ACTION, subject)) return false;
  await recordAudit(deps.db, { schoolId: actor.schoolId ?? null, actorId: actor.userId, action: ACTION, subject, at: deps.now() });
  return true;
}
