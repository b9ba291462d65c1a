import type { Api } from "grammy";
import type { AppDeps } from "../app/app-deps.js";
import { applyMenuButtons } from "../delivery/menu-buttons.js";
import type { Job } from "../scheduler/scheduler.js";

/**
 * At start and then hourly, with the dashboard on over HTTPS: deputies', directors' (and, where the
 * school turned it on, class teachers') chats get the Mini App as their menu button (issue 16).
 */
export function dashboardMenuJob(deps: AppDeps, api: Api, url: string): Job {
  return {
    name: "dashboard-menu",
    schedule: "23 * * * *",
    async run() {
      const done = await applyMenuButtons(deps, api, { url });
      if (done.set + done.failed > 0) deps.logger.info(done, "dashboard menu buttons set");
    },
  };
}
