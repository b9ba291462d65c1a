import { createMeasureRepository, type CaseMeasureRecord } from "../../repositories/measure-repository.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseServiceDeps } from "./case-service.js";

export type { CaseMeasureRecord };

/** The measures logged in a case (with whom, what, the person and the result), oldest first, for a reader who may view it. */
export async function listCaseMeasures(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<CaseMeasureRecord[]> {
  const { stored } = await loadCaseFor(deps, options.actor, options.caseId, "viewCase");
  return createMeasureRepository(deps.db).list(stored.schoolId, Number(stored.state.id));
}
