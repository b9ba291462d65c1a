import { addDays, localDateIn } from "../../domain/dates.js";
import { leaversErasableOnOrBefore } from "../../domain/school-year.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createRetentionRepository } from "../../repositories/retention-repository.js";
import type { PeopleDeps } from "../people/operator.js";

export const DEFAULT_RETENTION_YEARS = 3;

export interface RetentionOptions {
  /** Years a closed case is kept after its closing date. */
  years?: number;
  timezone: string;
  batch?: number;
}

/**
 * Erases closed cases closed more than `years` ago, and students who left the school once the school
 * year they left in has ended and none of their cases is open (with their cases). Idempotent: the
 * next run takes the rest. Each erasure leaves an audit row with ids only.
 */
export async function sweepRetention(deps: PeopleDeps, options: RetentionOptions): Promise<{ erased: number; students: number }> {
  const years = options.years ?? DEFAULT_RETENTION_YEARS;
  const at = deps.now();
  const today = localDateIn(at, options.timezone);
  // "Closed on 2023-05-20, kept 3 years" is erased from 2026-05-21 on.
  const cutoff = addDays(`${Number(today.slice(0, 4)) - years}${today.slice(4)}`, -1);
  const retention = createRetentionRepository(deps.db);
  const due = await retention.closedCasesBefore(cutoff, options.batch ?? 500);
  let erased = 0;
  for (const row of due) {
    await deps.db.$transaction(async (tx) => {
      erased += await retention.eraseCases(tx, row.schoolId, [row.id]);
      await recordAudit(tx, {
        schoolId: row.schoolId,
        actorId: null,
        action: "case.erasedByRetention",
        subject: `case:${row.id}`,
        detail: { years },
        at,
      });
    });
  }
  let students = 0;
  for (const leaver of await retention.leaversWithoutOpenCases(leaversErasableOnOrBefore(today), options.batch ?? 500)) {
    await deps.db.$transaction(async (tx) => {
      const caseIds = await retention.caseIdsOfStudent(leaver.schoolId, leaver.id, tx);
      // The student's delete takes their cases with it (database cascade).
      if (await retention.deleteStudent(tx, leaver.schoolId, leaver.id)) {
        students += 1;
        erased += caseIds.length;
      }
      const detail = { leftOn: leaver.leftOn, cases: caseIds.join(",") };
      await recordAudit(tx, {
        schoolId: leaver.schoolId,
        actorId: null,
        action: "student.erasedByRetention",
        subject: `student:${leaver.id}`,
        detail,
        at,
      });
    });
  }
  return { erased, students };
}
