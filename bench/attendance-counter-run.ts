/**
 * One benchmark process: `node <npm start's flags> --import tsx bench/attendance-counter-run.ts
 * <database url>` runs the early warning's pass twice over the seeded database, with the heap cap
 * `npm start` runs with, and prints the figures as one JSON line.
 */
import { planAttendanceWarnings } from "../src/app/attendance/plan-attendance-warnings.js";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import { openDatabase } from "../src/db/open-database.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { SEED_TODAY } from "./support/city-data.js";

const [url] = process.argv.slice(2) as [string];
const database = await openDatabase({ url, migrate: false, poolSize: 4 });
const deps = {
  db: database.prisma,
  regulations: loadRegulations(),
  productionYears: loadProductionYears(),
  // 10:00 in Moscow on the seed's today, a Tuesday: inside every seeded school's hours.
  now: () => new Date(`${SEED_TODAY}T07:00:00.000Z`),
};
await database.prisma.$queryRawUnsafe("SELECT 1");
const MiB = 2 ** 20;
const baselineMiB = Math.round(process.memoryUsage.rss() / MiB);
const passes = [];
for (let i = 0; i < 2; i++) {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  const { planned } = await planAttendanceWarnings(deps);
  const ms = Math.round(performance.now() - started);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  passes.push({ ms, planned, peakRssMiB: Math.round(peak / MiB) });
}
await database.close();
console.log(JSON.stringify({ baselineMiB, passes }));
