import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import { openDatabase } from "../src/db/open-database.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { seedBenchSchool } from "./support/bench-school.js";
import { BARE_BOT_ENTRY, buildApp, buildBareBot, peakRssMiB, rssMiB, spawnApp, type AppProcess } from "./support/app-process.js";
import { startBotApiStandIn } from "./support/bot-api-stand-in.js";
import { closedLoop, createBotLoad, loadAverage, median, WORKLOADS, type Workload } from "./support/bot-load.js";

/*
 * `npm run bench -- bot-e2e`: the whole bot as production runs it (`node dist/main.js`: bot,
 * scheduler and outbox sender) side by side with the bare bot as a process of its own (`node
 * dist-bench/bench/support/bare-bot-main.js`; both compiled by tsc, neither through tsx), each
 * long-polling the HTTP Bot API stand-in, on one SQLite file seeded with 100 teachers in a school
 * (bench/support/bench-school.ts). Per run: start, a warm-up round, then 100 teachers × 10 texts
 * and 100 × 10 card presses, each teacher waiting for each answer. Klassruk and the bare bot take
 * turns. RSS = VmRSS of the app's Node process after the warm-up; peak = its VmHWM at the end.
 */

/**
 * Three pairs by default (~35 s), the ratio their median: one pair's ratio moved between 0.72 and
 * 1.12 on a shared two-core machine (bench/RESULTS.md). BENCH_PAIRS=1 for a quick look.
 */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const PER_TEACHER = 10;
const WARM_UP_PER_TEACHER = 1;

type Name = "Klassruk" | "bare";

interface Run {
  rate: Record<Workload, number>;
  load: Record<Workload, string>;
  warmRssMiB: number;
  peakRssMiB: number;
}

async function runOnce(name: Name, databaseUrl: string, teachers: Awaited<ReturnType<typeof seedBenchSchool>>): Promise<Run> {
  const api = await startBotApiStandIn();
  const app: AppProcess = spawnApp({
    variant: "compiled",
    apiRoot: api.root,
    databaseUrl,
    ...(name === "bare" ? { entry: BARE_BOT_ENTRY } : {}),
  });
  const load = createBotLoad(api);
  // A process that dies must not look like a slow one.
  const alive = <T>(work: Promise<T>) => Promise.race([work, app.exited]);
  try {
    await alive(api.waitForGetUpdates(20_000));
    for (const workload of WORKLOADS) await alive(closedLoop(load, teachers, workload, WARM_UP_PER_TEACHER));
    const pid = await app.appPid();
    const warmRssMiB = rssMiB(pid);
    const rate = {} as Run["rate"];
    const loads = {} as Run["load"];
    for (const workload of WORKLOADS) {
      loads[workload] = loadAverage();
      const ms = await alive(closedLoop(load, teachers, workload, PER_TEACHER));
      rate[workload] = ((teachers.length * PER_TEACHER) / ms) * 1000;
    }
    if (load.unexpected() > 0) console.warn(`  bot-e2e: ${name} sent ${load.unexpected()} messages no update asked for`);
    return { rate, load: loads, warmRssMiB, peakRssMiB: peakRssMiB(pid) };
  } finally {
    load.close();
    const code = await app.stop();
    await api.close();
    if (code !== 0) console.error(`${name}: stopped with exit code ${code}\n${app.output()}`);
  }
}

export async function benchBotEndToEnd() {
  await buildApp();
  await buildBareBot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-e2e-"));
  try {
    const databaseUrl = `file:${path.join(dir, "e2e.db")}`;
    // Migrated and seeded here; both bots then open the same file (the app finds its migrations applied).
    const database = await openDatabase({ url: databaseUrl });
    const teachers = await seedBenchSchool(database.prisma, { regulations: loadRegulations(), productionYears: loadProductionYears() });
    await database.close();

    const runs: Record<Name, Run[]> = { Klassruk: [], bare: [] };
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const name of ["Klassruk", "bare"] as const) {
        const run = await runOnce(name, databaseUrl, teachers);
        runs[name].push(run);
        console.log(
          `  bot-e2e: ${name.padEnd(8)} ${WORKLOADS.map((w) => `${w} ${run.rate[w].toFixed(0)}/s (load ${run.load[w]})`).join(", ")}, RSS ${run.warmRssMiB.toFixed(0)} MiB after warm-up, peak ${run.peakRssMiB.toFixed(0)} MiB`,
        );
      }
    }

    const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(", ");
    const rows: { name: string; figure: string; goal: string }[] = [];
    for (const workload of WORKLOADS) {
      const klassruk = runs.Klassruk.map((r) => r.rate[workload]);
      const bare = runs.bare.map((r) => r.rate[workload]);
      const ratios = klassruk.map((k, i) => k / bare[i]!);
      rows.push(
        { name: `e2e ${workload}: node dist/main.js`, figure: `${median(klassruk).toFixed(0)} updates/s (${list(klassruk)})`, goal: "" },
        { name: `e2e ${workload}: bare grammY process`, figure: `${median(bare).toFixed(0)} updates/s (${list(bare)})`, goal: "" },
        {
          name: `e2e ${workload}: ratio Klassruk/bare`,
          figure: `${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(", ")})`,
          goal: "≥ 0.7",
        },
      );
    }
    for (const name of ["Klassruk", "bare"] as const) {
      const warm = runs[name].map((r) => r.warmRssMiB);
      const peak = runs[name].map((r) => r.peakRssMiB);
      rows.push({
        name: `e2e RSS, ${name === "Klassruk" ? "node dist/main.js" : "bare grammY process"}`,
        // The goal is a ceiling: the highest peak of the runs, not their median.
        figure: `${median(warm).toFixed(0)} MiB warm (${list(warm)}), peak ${Math.max(...peak).toFixed(0)} MiB (${list(peak)})`,
        goal: name === "Klassruk" ? "≤ 256 MB" : "",
      });
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
