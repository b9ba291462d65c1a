import type { Db } from "../../db/open-database.js";
import { caseDeputyOf, deputyAreaOf, deputyForArea, type DeputyArea, type StaffRoles } from "../../domain/people/roles.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { createDeputyRepository, type StaffContact } from "../../repositories/deputy-repository.js";
import type { Tx } from "../../repositories/case-repository.js";

/*
 * "The deputy" of a case, one rule for every message the regulation sends there: the member
 * stored on the case (chosen at opening, or by a reassignment) while they are on the staff;
 * else the regulation's rule — the deputy for upbringing, or for learning (a section II case
 * whose deputy left falls back to upbringing: the teacher's answer is not kept apart).
 */

export interface CaseDeputyRef {
  deputyMemberId: number | null;
}

/** The deputy whom `regulation` names at opening, from the school's staff (oldest first). */
export function openingDeputy<T extends StaffRoles>(staff: readonly T[], regulation: Regulation, area?: DeputyArea): T | undefined {
  return deputyForArea(staff, deputyAreaOf(regulation.deputy, area));
}

/** The case's deputy among `staff` (see above). */
export function deputyOfCase<T extends StaffRoles & { memberId: number }>(
  staff: readonly T[],
  stored: CaseDeputyRef,
  regulation: Regulation,
): T | undefined {
  return caseDeputyOf(staff, stored.deputyMemberId, deputyAreaOf(regulation.deputy));
}

/** The case's deputy, read from the school's active staff. */
export async function findCaseDeputy(
  db: Db | Tx,
  schoolId: number,
  stored: CaseDeputyRef,
  regulation: Regulation,
): Promise<StaffContact | undefined> {
  return deputyOfCase(await createDeputyRepository(db).staff(schoolId, { leadersAnd: stored.deputyMemberId }), stored, regulation);
}
