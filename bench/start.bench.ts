import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBotApiStandIn } from "./support/bot-api-stand-in.js";
import { buildApp, median, rssMiB, spawnApp, type AppVariant } from "./support/app-process.js";

/*
 * Start and memory of the whole bot, as production runs it (`node dist/main.js`) and as a
 * developer does (`tsx src/main.ts`): each a child process on a fresh SQLite file (migrated on
 * start), long-polling a local Bot API stand-in. Cold start = spawn → first getUpdates; idle RSS =
 * the app's Node process 3 s later. Three runs each, alternating, medians printed.
 */

const RUNS = 3;
const IDLE_MS = 3_000;

interface Run {
  startMs: number;
  rssMiB: number;
  /** tsx only: its wrapper process, which stays beside the app. */
  wrapperMiB?: number;
}

async function runOnce(variant: AppVariant): Promise<Run> {
  const api = await startBotApiStandIn();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-start-"));
  const app = spawnApp({ variant, apiRoot: api.root, databaseUrl: `file:${path.join(dir, "start.db")}` });
  try {
    const firstPoll = await Promise.race([api.waitForGetUpdates(20_000), app.exited]);
    await Promise.race([new Promise((r) => setTimeout(r, IDLE_MS)), app.exited]);
    const pid = await app.appPid();
    return {
      startMs: firstPoll - app.spawnedAt,
      rssMiB: rssMiB(pid),
      wrapperMiB: variant === "tsx" ? rssMiB(app.child.pid!) : undefined,
    };
  } finally {
    const code = await app.stop();
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (code !== 0) console.error(`${variant}: stopped with exit code ${code}\n${app.output()}`);
  }
}

export async function benchStart() {
  await buildApp();
  const runs: Record<AppVariant, Run[]> = { compiled: [], tsx: [] };
  // Alternating, so a burst of load from elsewhere on the machine hits both alike.
  for (let i = 0; i < RUNS; i++) {
    for (const variant of ["compiled", "tsx"] as const) runs[variant].push(await runOnce(variant));
  }
  const list = (values: number[], digits: number) => values.map((v) => v.toFixed(digits)).join(", ");
  const rows: { name: string; figure: string; goal: string }[] = [];
  for (const variant of ["compiled", "tsx"] as const) {
    const label = variant === "compiled" ? "node dist/main.js" : "tsx src/main.ts";
    const starts = runs[variant].map((r) => r.startMs);
    const rss = runs[variant].map((r) => r.rssMiB);
    const wrapper = runs[variant].flatMap((r) => (r.wrapperMiB === undefined ? [] : [r.wrapperMiB]));
    rows.push({
      name: `start to first getUpdates, ${label}`,
      figure: `${median(starts).toFixed(0)} ms (${list(starts, 0)})`,
      goal: variant === "compiled" ? "≤ 2 s" : "(comparison)",
    });
    rows.push({
      name: `idle RSS after ${IDLE_MS / 1000} s, ${label}`,
      figure: `${median(rss).toFixed(0)} MiB (${list(rss, 0)})${wrapper.length ? ` + tsx wrapper ${median(wrapper).toFixed(0)} MiB` : ""}`,
      goal: variant === "compiled" ? "≤ 150 MB" : "(comparison)",
    });
  }
  return rows;
}
