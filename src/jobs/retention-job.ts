import { DEFAULT_RETENTION_YEARS, sweepRetention } from "../app/admin/retention-sweep.js";
import type { Job } from "../scheduler/scheduler.js";
import type { AppDeps } from "../app/app-deps.js";
import { forgetExpiredSessions } from "../app/dashboard/dashboard-session.js";

/** Nightly: erases closed cases past the retention period (default 3 years after closing) and leavers after their last school year; drops expired dashboard sessions. */
export function retentionJob(deps: AppDeps, years = DEFAULT_RETENTION_YEARS): Job {
  return {
    name: "retention",
    schedule: "30 3 * * *",
    async run() {
      const { erased, students } = await sweepRetention(deps, { years, timezone: deps.defaultTimezone });
      if (erased > 0 || students > 0) deps.logger.info({ erased, students }, "data erased after the retention period");
      // The dashboard's sessions and sign-in links past their time (issue 16).
      await forgetExpiredSessions(deps);
    },
  };
}
