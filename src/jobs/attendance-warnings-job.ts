import { planAttendanceWarnings } from "../app/attendance/plan-attendance-warnings.js";
import type { AppDeps } from "../app/app-deps.js";
import type { Job } from "../scheduler/scheduler.js";

/** Every 30 minutes in the schools' hours: the early warning from the attendance loaded (issue 15). */
export function attendanceWarningsJob(deps: AppDeps): Job {
  return {
    name: "attendance-warnings",
    schedule: "*/30 * * * *",
    async run() {
      const { planned } = await planAttendanceWarnings(deps);
      if (planned > 0) deps.logger.info({ planned }, "attendance warnings planned");
    },
  };
}
