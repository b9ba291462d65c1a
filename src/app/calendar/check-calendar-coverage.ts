import type { Db } from "../../db/open-database.js";
import type { ProductionYear } from "../../domain/calendar/production-calendar.js";
import { addDays, localDateIn, yearOf } from "../../domain/dates.js";
import { hasAudit, recordAudit } from "../../repositories/audit-repository.js";
import { createSchoolRepository, mergeProductionYears } from "../../repositories/school-repository.js";

/** Deadlines are computed this far ahead at most (the longest windows plus the annual tasks). */
export const COVERAGE_HORIZON_DAYS = 120;
const NOTICE_ACTION = "calendar.missingYearNoticed";

export interface CalendarGap {
  year: number;
}

export interface CheckCalendarCoverageDeps {
  db: Db;
  productionYears: readonly ProductionYear[];
  now: () => Date;
  timezone: string;
}

/**
 * Years within the horizon that have no production-calendar data: deadlines there are computed
 * on the Labour Code's holidays alone. Each such year is reported once per installation (the
 * audit trail remembers), so the admins are told once, not every day.
 */
export async function findNewCalendarGaps(deps: CheckCalendarCoverageDeps): Promise<CalendarGap[]> {
  const uploaded = await createSchoolRepository(deps.db).uploadedProductionYears();
  const known = new Set(mergeProductionYears(deps.productionYears, uploaded).map((y) => y.year));
  const today = localDateIn(deps.now(), deps.timezone);
  const years = new Set([yearOf(today), yearOf(addDays(today, COVERAGE_HORIZON_DAYS))]);
  const gaps: CalendarGap[] = [];
  for (const year of [...years].sort()) {
    if (known.has(year)) continue;
    if (!(await hasAudit(deps.db, NOTICE_ACTION, `year:${year}`))) gaps.push({ year });
  }
  return gaps;
}

export async function markCalendarGapNoticed(deps: CheckCalendarCoverageDeps, gap: CalendarGap): Promise<void> {
  await recordAudit(deps.db, { schoolId: null, actorId: null, action: NOTICE_ACTION, subject: `year:${gap.year}`, at: deps.now() });
}
