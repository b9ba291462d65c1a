import type { Api } from "grammy";
import { findNewCalendarGaps, markCalendarGapNoticed } from "../../app/calendar/check-calendar-coverage.js";
import { pickLanguage } from "../../i18n.js";
import type { Job } from "../../scheduler/scheduler.js";
import type { BotDeps } from "../deps.js";

/** Daily: tells the installation's admins, once per year, that a calendar year is missing. */
export function calendarCoverageJob(deps: BotDeps, api: Api): Job {
  return {
    name: "calendar-coverage",
    schedule: "0 9 * * *",
    async run() {
      const gaps = await findNewCalendarGaps({ ...deps, timezone: deps.defaultTimezone });
      for (const gap of gaps) {
        for (const adminId of deps.adminIds) {
          const user = await deps.users.findByTelegramId(adminId);
          const t = deps.i18n.t(pickLanguage(user?.language, undefined));
          // A private chat's id is the user's id; an admin who never pressed /start cannot be reached.
          await api.sendMessage(adminId, t("calendarNotice.missingYear", { year: gap.year })).catch((err) =>
            deps.logger.warn({ err, adminId }, "could not tell an admin about a missing calendar year"),
          );
        }
        await markCalendarGapNoticed({ ...deps, timezone: deps.defaultTimezone }, gap);
        deps.logger.warn({ year: gap.year }, "no production calendar for this year; statutory holidays used");
      }
    },
  };
}
