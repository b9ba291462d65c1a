import { addDays, localDateIn } from "../../domain/dates.js";
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
 * Erases closed cases closed more than `years` ago (idempotent: the next run takes the rest).
 * Each erasure leaves an audit row with the case id only.
 */
export async function sweepRetention(deps: PeopleDeps, options: RetentionOptions): Promise<{ erased: number }> {
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
      await recordAudit(tx, { schoolId: row.schoolId, actorId: null, action: "case.erasedByRetention", subject: `case:${row.id}`, detail: { years }, at });
    });
  }
  return { erased };
}
