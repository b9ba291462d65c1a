import { planCouncilReviews } from "../app/council/review-prompt.js";
import type { Job } from "../scheduler/scheduler.js";
import type { AppDeps } from "../app/app-deps.js";

/** Hourly: class teachers with open difficulty cases get the fortnightly question (once per fortnight, by its outbox key). */
export function councilReviewJob(deps: AppDeps): Job {
  return {
    name: "council-review",
    schedule: "17 * * * *",
    async run() {
      const planned = await planCouncilReviews(deps);
      if (planned > 0) deps.logger.info({ planned }, "fortnightly council review questions planned");
    },
  };
}
