import { planAttendanceWarnings } from "../src/app/attendance/plan-attendance-warnings.js";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import type { Provider } from "../src/db/database-url.js";
import { openDatabase } from "../src/db/open-database.js";
import { addDays, type LocalDate } from "../src/domain/dates.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { benchDatabaseUrl, readMarker } from "./support/bench-database.js";
import { SCALES, SEED_TODAY, type ScaleName } from "./support/city-data.js";

/*
 * `npm run bench -- counter [--scale city|district]`: the early warning's pass over every school of
 * the seeded city (1.3 M students; PostgreSQL) or district (SQLite), as the warnings job runs it on
 * a school morning: each school's candidates, known days, absences and answers read in four
 * statements, the runs counted on the school's calendar, the warnings written to the outbox. The
 * attendance is added to the seeded database once (30 weekdays before the seed's today): 1 % of
 * student-days absent without a reason, 3 % with one, and 2 % of students on a run of 1–15 days up
 * to today. The issue's goal: under 60 s and 256 MB on PostgreSQL for the city.
 */

type Row = { name: string; figure: string; goal: string };

const DAYS = 30;
const MiB = 1024 * 1024;

function weekdaysBefore(today: LocalDate, count: number): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = today; days.length < count; d = addDays(d, -1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.unshift(d);
  }
  return days;
}

/** The attendance of every class over `days`, by SQL that reads the same on both providers. */
async function fillAttendance(db: Awaited<ReturnType<typeof openDatabase>>["prisma"], provider: Provider, days: LocalDate[]) {
  const dates = days.map((d, i) => `SELECT '${d}' AS "on", ${i} AS i`).join(" UNION ALL ");
  const last = days.length - 1;
  await db.$executeRawUnsafe(
    `INSERT INTO "AttendanceDay" ("schoolId", "classId", "on") SELECT k."schoolId", k."id", d."on" FROM "SchoolClass" k CROSS JOIN (${dates}) d`,
  );
  // A student of every 50th id is on a run of 1–15 days up to today; the others are absent now and then.
  const run = `(s."id" % 50 = 0 AND d.i > ${last} - (1 + (s."id" / 50) % 15))`;
  const hash = `((s."id" * 7919 + d.i * 104729) % 1000)`;
  const kind = `CASE WHEN ${run} OR ${hash} < 10 THEN 'unexcused' ELSE 'excused' END`;
  await db.$executeRawUnsafe(
    `INSERT INTO "AttendanceMark" ("schoolId", "studentId", "on", "kind", "mark") ` +
      `SELECT s."schoolId", s."id", d."on", ${provider === "postgresql" ? `CAST(${kind} AS "AbsenceKind")` : kind}, ` +
      `CASE WHEN ${run} OR ${hash} < 10 THEN 'Н' ELSE 'Б' END ` +
      `FROM "Student" s CROSS JOIN (${dates}) d WHERE s."leftOn" IS NULL AND (${run} OR ${hash} < 40)`,
  );
}

export async function benchAttendanceCounter(scale: ScaleName, provider: Provider = SCALES[scale].provider): Promise<Row[]> {
  const url = benchDatabaseUrl(scale, provider);
  const where = `${scale}, ${provider === "sqlite" ? "SQLite" : "PostgreSQL"}`;
  const goal = scale === "city" ? "< 60 s, < 256 MB" : "(the city's goal: < 60 s)";
  const marker = await readMarker(url);
  if (!marker) return [{ name: `early-warning counter, ${where}`, figure: `skipped: run npm run bench -- seed --scale ${scale}`, goal }];
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    const db = database.prisma;
    const days = weekdaysBefore(SEED_TODAY, DAYS);
    if ((await db.attendanceDay.count({ where: { on: days.at(-1)! } })) === 0) {
      const t = performance.now();
      await db.attendanceMark.deleteMany({});
      await db.attendanceDay.deleteMany({});
      await fillAttendance(db, provider, days);
      if (provider === "postgresql") await db.$executeRawUnsafe(`ANALYZE "AttendanceDay", "AttendanceMark"`);
      else await db.$executeRawUnsafe("ANALYZE");
      console.log(`counter on ${where}: attendance added in ${Math.round(performance.now() - t)} ms`);
    }
    const absences = await db.attendanceMark.count();
    const classDays = await db.attendanceDay.count();
    console.log(`counter on ${where}: ${absences.toLocaleString("en-US")} absences over ${classDays.toLocaleString("en-US")} class-days`);
    // The warnings of an earlier bench run go, so the first pass writes them again.
    await db.notification.deleteMany({ where: { key: { startsWith: "attendance:" } } });
    await db.attendanceNote.deleteMany({});

    const deps = {
      db,
      regulations: loadRegulations(),
      productionYears: loadProductionYears(),
      // 10:00 in Moscow on the seed's today, a Tuesday: inside every seeded school's hours.
      now: () => new Date(`${SEED_TODAY}T07:00:00.000Z`),
    };
    const rows: Row[] = [];
    for (const pass of ["first pass (writes the warnings)", "second pass (nothing new)"]) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 10);
      const t = performance.now();
      const { planned } = await planAttendanceWarnings(deps);
      const elapsed = performance.now() - t;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      rows.push({
        name: `early-warning counter, ${where}, ${pass}`,
        figure: `${(elapsed / 1000).toFixed(1)} s, ${planned.toLocaleString("en-US")} warnings, RSS ${Math.round(before / MiB)}→${Math.round(peak / MiB)} MiB`,
        goal,
      });
    }
    return rows;
  } finally {
    await database.close();
  }
}
