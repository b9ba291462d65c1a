/**
 * `npm run bench`: prints figures, asserts nothing. Targets are in the issues; results and the
 * machine they ran on go to bench/RESULTS.md.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { benchDeriveSteps } from "./derive-steps.bench.js";
import { benchAttendance } from "./attendance.bench.js";
import { benchAttendanceCounter } from "./attendance-counter.bench.js";
import { benchDashboard } from "./dashboard.bench.js";
import { benchBotThroughput } from "./bot-throughput.bench.js";
import { benchBotEndToEnd } from "./bot-e2e.bench.js";
import { benchCityUpdates } from "./city-updates.bench.js";
import { benchLookup } from "./lookup.bench.js";
import { benchPlanner, benchPlannerAtScale } from "./planner.bench.js";
import { benchSender } from "./sender.bench.js";
import { benchStart } from "./start.bench.js";
import { seedBench } from "./seed.js";

const rows: { name: string; figure: string; goal: string }[] = [];
const only = process.argv[2];
const { values: options } = parseArgs({
  args: process.argv.slice(3),
  options: { scale: { type: "string" }, provider: { type: "string" }, fresh: { type: "boolean" } },
});
const scale = options.scale === "district" ? "district" : "city";
if (options.scale !== undefined && options.scale !== scale) throw new Error(`--scale is city or district, not ${options.scale}`);
if (options.provider !== undefined && options.provider !== "postgresql" && options.provider !== "sqlite") {
  throw new Error(`--provider is postgresql or sqlite, not ${options.provider}`);
}
const provider = options.provider as "postgresql" | "sqlite" | undefined;

if (only === "seed") {
  // Builds (or finds) the bench database of a city or a district; prints phases and counts, no table.
  await seedBench({ scale, ...(provider ? { provider } : {}), fresh: options.fresh ?? false });
  process.exit(0);
}

if (!only || only === "derive") rows.push(...(await benchDeriveSteps()));
if (!only || only === "bot") rows.push(...(await benchBotThroughput()));
if (!only || only === "bot-e2e") rows.push(...(await benchBotEndToEnd()));
if (!only || only === "planner") {
  // `planner --scale city|district`: on the seeded database instead of the 100 k-case one; the whole
  // run has both (the seeded one says so when it is not seeded).
  if (options.scale === undefined) rows.push(...(await benchPlanner()));
  if (options.scale !== undefined || !only) rows.push(...(await benchPlannerAtScale(scale, provider)));
}
if (!only || only === "sender") rows.push(...(await benchSender()));
if (!only || only === "start") rows.push(...(await benchStart()));
// On the seeded city (or --scale district) database; a row says so when it is not seeded.
if (!only || only === "lookup") rows.push(...(await benchLookup({ scale, ...(provider ? { provider } : {}) })));
if (!only || only === "updates") rows.push(...(await benchCityUpdates(scale, provider)));
if (!only || only === "attendance") rows.push(...(await benchAttendance()));
// The early warning's pass over a seeded city's (or --scale district) attendance.
if (!only || only === "dashboard") rows.push(...(await benchDashboard()));
if (!only || only === "counter") rows.push(...(await benchAttendanceCounter(scale, provider)));

console.log(`\nKlassruk benchmarks — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}\n`);
const width = Math.max(...rows.map((r) => r.name.length));
console.log(`${"benchmark".padEnd(width)} | figure                         | goal`);
console.log(`${"-".repeat(width)}-|--------------------------------|-----------------`);
for (const r of rows) console.log(`${r.name.padEnd(width)} | ${r.figure.padEnd(30)} | ${r.goal}`);
