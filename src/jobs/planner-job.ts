import { plannerMemory, planReminders, type PlanRemindersOptions } from "../app/reminders/plan-reminders.js";
import { purgeOutbox } from "../app/reminders/purge-outbox.js";
import { STALE_DAYS } from "../domain/reminders/plan-reminders.js";
import type { Job } from "../scheduler/scheduler.js";
import type { AppDeps } from "../app/app-deps.js";

/** Every five minutes: what is due becomes outbox rows (idempotent; the sender delivers them). */
export function plannerJob(deps: AppDeps, options: PlanRemindersOptions = {}): Job {
  // Kept across runs: a rerun within the hour reads only the cases that changed (decision 018).
  const memory = plannerMemory();
  return {
    name: "reminder-planner",
    schedule: "*/5 * * * *",
    async run() {
      const started = performance.now();
      const run = await planReminders(deps, { memory, ...options });
      const ms = Math.round(performance.now() - started);
      if (run.inserted > 0 || run.skipped > 0) deps.logger.info({ ...run, ms }, "reminders planned");
      else deps.logger.debug({ ...run, ms }, "nothing new to remind");
    },
  };
}

/** Sent rows are kept for twice the planner's memory of escalations, then deleted (nightly). */
export const OUTBOX_RETENTION_DAYS = STALE_DAYS * 2;

export function outboxCleanupJob(deps: AppDeps): Job {
  return {
    name: "outbox-cleanup",
    schedule: "40 3 * * *",
    async run() {
      const before = new Date(deps.now().getTime() - OUTBOX_RETENTION_DAYS * 86_400_000);
      const { deleted, snoozes } = await purgeOutbox(deps, { before });
      if (deleted > 0 || snoozes > 0) deps.logger.info({ deleted, snoozes }, "old outbox rows and snoozes deleted");
    },
  };
}
