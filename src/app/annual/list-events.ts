import { createEventRepository, type SchoolEventRecord } from "../../repositories/event-repository.js";
import type { Actor } from "../actor.js";
import { requireRole, type CaseServiceDeps } from "../cases/case-service.js";

export type { SchoolEventRecord };

/** /events: the school's latest events with each class's answer (or none yet). */
export async function listEvents(deps: CaseServiceDeps, options: { actor: Actor; take?: number }): Promise<SchoolEventRecord[]> {
  const { schoolId } = await requireRole(deps, options.actor, "postEvent", "events");
  const events = createEventRepository(deps.db);
  const ids = await events.recentEventIds(schoolId, options.take ?? 5);
  const found = await Promise.all(ids.map((id) => events.findEvent(schoolId, id)));
  return found.filter((e): e is SchoolEventRecord => e !== undefined);
}
