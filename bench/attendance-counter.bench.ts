import type { Provider } from "../src/db/database-url.js";
import { openDatabase } from "../src/db/open-database.js";
import { addDays, type LocalDate } from "../src/domain/dates.js";
import { runBenchChild } from "./support/app-process.js";
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

interface ChildResult {
  baselineMiB: number;
  passes: { ms: number; planned: number; peakRssMiB: number }[];
}

const runChild = (url: string) => runBenchChild<ChildResult>("bench/attendance-counter-run.ts", [url]);

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
  const hash = `(((s."id" % 100003) * 7919 + d.i * 104729) % 1000)`; // in 32 bits
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
    // Added once (a failed fill leaves no marks of today: it is done again).
    if ((await db.attendanceMark.count({ where: { on: days.at(-1)! } })) === 0) {
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

    // The passes run in a process of their own, with the heap cap of `npm start`.
    const result = await runChild(url);
    const rows: Row[] = [];
    result.passes.forEach((pass, i) => {
      rows.push({
        name: `early-warning counter, ${where}, ${i === 0 ? "first pass (writes the warnings)" : "second pass (nothing new)"}`,
        figure: `${(pass.ms / 1000).toFixed(1)} s, ${pass.planned.toLocaleString("en-US")} warnings, peak RSS ${pass.peakRssMiB} MiB (at rest ${result.baselineMiB})`,
        goal,
      });
    });
    return rows;
  } finally {
    await database.close();
  }
}
