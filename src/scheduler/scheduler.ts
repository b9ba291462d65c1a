import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.js";

export interface Job {
  name: string;
  /** cron expression, evaluated in `timezone` */
  schedule: string;
  run: () => Promise<void>;
}

/**
 * Cron ticks only wake idempotent sweeps over database rows: nothing is remembered in memory,
 * so a restart or a second instance loses and doubles nothing.
 */
export function startScheduler(jobs: readonly Job[], timezone: string, logger: Logger) {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        try {
          await job.run();
        } catch (error) {
          logger.error({ err: error, job: job.name }, "scheduled job failed");
        }
      },
      { name: job.name, timezone, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
    },
  };
}
