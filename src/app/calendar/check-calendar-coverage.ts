import type { Db } from "../../db/open-database.js";
import type { ProductionYear } from "../../domain/calendar/production-calendar.js";
import { addDays, localDateIn, yearOf } from "../../domain/dates.js";
import { hasAudit, recordAudit } from "../../repositories/audit-repository.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository, mergeProductionYears } from "../../repositories/school-repository.js";
import { createUserRepository } from "../../repositories/user-repository.js";
import type { Logger } from "../../logger.js";
import { noticeRow } from "../notices/notice-row.js";

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

export interface NoticeCalendarGapsDeps extends CheckCalendarCoverageDeps {
  /** The installation's administrators (ADMIN_IDS), by Telegram id. */
  adminIds: readonly number[];
  logger: Logger;
}

/**
 * Daily: tells the installation's admins, once per year, that a calendar year is missing; the
 * notices go through the outbox. An admin is written to under their first school (or the
 * installation's first school: the notice concerns every school); one who never opened the bot
 * cannot be written to at all.
 */
export async function noticeCalendarGaps(deps: NoticeCalendarGapsDeps): Promise<CalendarGap[]> {
  const gaps = await findNewCalendarGaps(deps);
  if (gaps.length === 0) return gaps;
  const users = createUserRepository(deps.db);
  const fallbackSchool = await createSchoolRepository(deps.db).firstSchoolId();
  const at = deps.now();
  for (const gap of gaps) {
    const rows = [];
    for (const telegramId of deps.adminIds) {
      const user = await users.findByTelegramId(telegramId);
      const schoolId = user?.memberships[0]?.schoolId ?? fallbackSchool;
      if (!user || schoolId === undefined) {
        deps.logger.warn({ telegramId, year: gap.year }, "an admin who never opened the bot is not told about a missing calendar year");
        continue;
      }
      rows.push(
        noticeRow({
          key: `calendar:${gap.year}:${user.id}`,
          schoolId,
          userId: user.id,
          at,
          payload: { lines: [{ key: "calendarNotice.missingYear", params: { year: gap.year } }] },
        }),
      );
    }
    await createOutboxRepository(deps.db).ensure(rows, { at });
    await markCalendarGapNoticed(deps, gap);
    deps.logger.warn({ year: gap.year }, "no production calendar for this year; statutory holidays used");
  }
  return gaps;
}
