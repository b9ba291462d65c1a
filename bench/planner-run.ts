/**
 * One benchmark process: `node <npm start's flags> --import tsx bench/planner-run.ts <database url>`
 * (the heap cap the bot's process runs with, decision 019) runs the planner four times on the
 * seeded database (bench/support/planner-runs.ts) and prints the figures as one JSON line: the
 * run after the migration (every case's nextAttentionOn unknown, the outbox empty: it reads them
 * all and stores their dates), a rerun five minutes later, the first run of the next hour, and the
 * first run of the next school day. With `again` after the url it runs only the last two, on a
 * database the first process left (the next day's rows deleted): the day's run once more, after
 * an hour's run has filled the process's caches as it would have.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { plannerMemory, planReminders } from "../src/app/reminders/plan-reminders.js";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import { openDatabase } from "../src/db/open-database.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { PLANNER_RUNS } from "./support/planner-runs.js";

const [url, mode] = process.argv.slice(2) as [string, string | undefined];
const database = await openDatabase({ url, migrate: false, poolSize: 4 });
const regulations = loadRegulations();
const productionYears = loadProductionYears();
await database.prisma.$queryRawUnsafe("SELECT 1");
const baselineMiB = Math.round(process.memoryUsage().rss / 2 ** 20);

// One process, as in production: its planner remembers what it planned within the hour.
const memory = plannerMemory();

// Time spent collecting garbage, from the process's GC events.
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

/** GC events reach the observer some ticks after they happen: let the previous ones arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function measured(now: string) {
  await settle();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const cpuBefore = process.cpuUsage();
  const gcBefore = gcMs;
  const started = performance.now();
  const run = await planReminders({ db: database.prisma, regulations, productionYears, now: () => new Date(now) }, { memory });
  const ms = Math.round(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  await settle();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    ms,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    gcMs: Math.round(gcMs - gcBefore),
    cases: run.cases,
    attention: run.attention,
    inserted: run.inserted,
    planned: run.planned,
    remembered: run.remembered,
    peakRssMiB: Math.round(peak / 2 ** 20),
  };
}

if (mode === "again") {
  const nextHour = await measured(PLANNER_RUNS.nextHour);
  const nextDay = await measured(PLANNER_RUNS.nextDay);
  await database.close();
  console.log(JSON.stringify({ baselineMiB, nextHour, nextDay }));
} else {
  const fresh = await measured(PLANNER_RUNS.fresh);
  // That run rewrote every case (its date) and filled the outbox: on PostgreSQL the dead rows would
  // be gone by the next run, 5 minutes later, through autovacuum, and its WAL written out by a
  // checkpoint; here both are done at once (unmeasured), so that the runs below do not pay for them.
  if (url.startsWith("postgres")) {
    await database.prisma.$executeRawUnsafe(`VACUUM ANALYZE "Case"`);
    await database.prisma.$executeRawUnsafe(`VACUUM ANALYZE "Notification"`);
    await database.prisma.$executeRawUnsafe("CHECKPOINT");
  }
  const rerun = await measured(PLANNER_RUNS.rerun);
  // The first run of the next hour reads every due case again (digest windows turn on whole hours).
  const nextHour = await measured(PLANNER_RUNS.nextHour);
  const nextDay = await measured(PLANNER_RUNS.nextDay);
  await database.close();
  console.log(JSON.stringify({ baselineMiB, fresh, rerun, nextHour, nextDay }));
}
