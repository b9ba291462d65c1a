import { planMeetingReminders } from "../app/meetings/plan-meeting-reminders.js";
import type { Job } from "../scheduler/scheduler.js";
import type { AppDeps } from "../app/app-deps.js";

/** Every five minutes: meetings of the next day become reminder rows (idempotent; the sender delivers them). */
export function meetingRemindersJob(deps: AppDeps): Job {
  return {
    name: "meeting-reminders",
    schedule: "*/5 * * * *",
    async run() {
      const inserted = await planMeetingReminders(deps);
      if (inserted > 0) deps.logger.info({ inserted }, "meeting reminders planned");
    },
  };
}
