import { dispatchSos } from "../app/sos/dispatch-sos.js";
import type { Job } from "../scheduler/scheduler.js";
import type { AppDeps } from "../app/app-deps.js";

/** Every minute: repeats emergency alerts nobody has taken (idempotent; the outbox sender delivers them). */
export function sosRealertJob(deps: AppDeps, options: { intervalMinutes: number }): Job {
  return {
    name: "sos-realert",
    schedule: "* * * * *",
    async run() {
      const run = await dispatchSos(deps, { intervalMinutes: options.intervalMinutes });
      if (run.rounds > 0) deps.logger.warn(run, "emergency alerts repeated: nobody has acknowledged them yet");
    },
  };
}
