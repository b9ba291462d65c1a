import { planDeputyDigests } from "../app/deputy/plan-deputy-digests.js";
import type { Job } from "../scheduler/scheduler.js";
import type { AppDeps } from "../app/app-deps.js";

/** Every five minutes: deputies whose school's digest hour has come get their morning digest (once a day). */
export function deputyDigestJob(deps: AppDeps): Job {
  return {
    name: "deputy-digest",
    schedule: "*/5 * * * *",
    async run() {
      const { planned } = await planDeputyDigests(deps);
      if (planned > 0) deps.logger.info({ planned }, "deputies' morning digests planned");
    },
  };
}
