import { noticeCalendarGaps } from "../app/calendar/check-calendar-coverage.js";
import type { Job } from "../scheduler/scheduler.js";
import type { AppDeps } from "../app/app-deps.js";

/** Daily: tells the installation's admins, once per year, that a calendar year is missing (through the outbox). */
export function calendarCoverageJob(deps: AppDeps): Job {
  return {
    name: "calendar-coverage",
    schedule: "0 9 * * *",
    async run() {
      await noticeCalendarGaps({ ...deps, timezone: deps.defaultTimezone });
    },
  };
}
