/**
 * `npm run bench`: prints figures, asserts nothing. Targets are in the issues; results and the
 * machine they ran on go to bench/RESULTS.md.
 */
import os from "node:os";
import { benchDeriveSteps } from "./derive-steps.bench.js";
import { benchBotThroughput } from "./bot-throughput.bench.js";
import { benchBotEndToEnd } from "./bot-e2e.bench.js";
import { benchPlanner } from "./planner.bench.js";
import { benchSender } from "./sender.bench.js";
import { benchStart } from "./start.bench.js";

const rows: { name: string; figure: string; goal: string }[] = [];
const only = process.argv[2];

if (!only || only === "derive") rows.push(...(await benchDeriveSteps()));
if (!only || only === "bot") rows.push(...(await benchBotThroughput()));
if (!only || only === "bot-e2e") rows.push(...(await benchBotEndToEnd()));
if (!only || only === "planner") rows.push(...(await benchPlanner()));
if (!only || only === "sender") rows.push(...(await benchSender()));
if (!only || only === "start") rows.push(...(await benchStart()));

console.log(`\nKlassruk benchmarks — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}\n`);
const width = Math.max(...rows.map((r) => r.name.length));
console.log(`${"benchmark".padEnd(width)} | figure                         | goal`);
console.log(`${"-".repeat(width)}-|--------------------------------|-----------------`);
for (const r of rows) console.log(`${r.name.padEnd(width)} | ${r.figure.padEnd(30)} | ${r.goal}`);
