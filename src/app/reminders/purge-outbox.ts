import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createReminderRepository } from "../../repositories/reminder-repository.js";
import type { PeopleDeps } from "../people/operator.js";

/** Deletes finished outbox rows created before `before` (pending ones stay), and snoozes that ended before that day. */
export async function purgeOutbox(deps: PeopleDeps, options: { before: Date }): Promise<{ deleted: number; snoozes: number }> {
  const deleted = await createOutboxRepository(deps.db).purge(options.before);
  const snoozes = await createReminderRepository(deps.db).purgeSnoozes(options.before.toISOString().slice(0, 10));
  return { deleted, snoozes };
}
