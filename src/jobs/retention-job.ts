import { DEFAULT_RETENTION_YEARS, sweepRetention } from "../app/admin/retention-sweep.js";
import type { Job } from "../scheduler/scheduler.js";
import type { AppDeps } from "../app/app-deps.js";

/** Nightly: erases closed cases past the retention period (default 3 years after closing) and leavers after their last school year. */
export function retentionJob(deps: AppDeps, years = DEFAULT_RETENTION_YEARS): Job {
  return {
    name: "retention",
    schedule: "30 3 * * *",
    async run() {
      const { erased, students } = await sweepRetention(deps, { years, timezone: deps.defaultTimezone });
      if (erased > 0 || students > 0) deps.logger.info({ erased, students }, "data erased after the retention period");
    },
  };
}
