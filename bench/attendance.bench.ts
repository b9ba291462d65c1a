import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { importAttendance } from "../src/app/attendance/import-attendance.js";
import { openDatabase } from "../src/db/open-database.js";
import { createSchoolRepository } from "../src/repositories/school-repository.js";
import { postgresAdmin } from "./planner.bench.js";

/*
 * `npm run bench -- attendance`: a whole school's journal export — 1,500 students in 50 classes,
 * 60 school days as a grid, ~6 % of the days absent — imported on SQLite and on PostgreSQL (the
 * issue's goal: under 3 s each), then the same file again (it changes nothing).
 */

const CLASSES = Number(process.env.BENCH_CLASSES ?? 50);
const PER_CLASS = 30;
const DAYS = 60;

function schoolDays(): string[] {
  const days: string[] = [];
  for (let d = new Date("2026-09-01T00:00:00Z"); days.length < DAYS; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    days.push(`${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`);
  }
  return days;
}

function label(k: number): string {
  return `${5 + Math.floor(k / 10)}${"АБВГДЕЖЗИК"[k % 10]}`;
}

async function seed(url: string) {
  const db = await openDatabase({ url, poolSize: 4 });
  const schools = createSchoolRepository(db.prisma);
  const schoolId = await schools.createSchool({ name: "Школа для замера" });
  for (let k = 0; k < CLASSES; k++) {
    const classId = await schools.createClass(schoolId, label(k));
    await db.prisma.student.createMany({
      data: Array.from({ length: PER_CLASS }, (_, n) => ({
        schoolId,
        classId,
        fullName: `Ученик${k}-${n} Тест`,
        searchName: `ученик${k}-${n} тест`,
      })),
    });
  }
  return { db, schoolId };
}

function gridFile(): Uint8Array {
  const days = schoolDays();
  const lines = [["ФИО", "Класс", ...days].join(";")];
  let seedNumber = 7;
  const random = () => (seedNumber = (seedNumber * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let k = 0; k < CLASSES; k++) {
    for (let n = 0; n < PER_CLASS; n++) {
      lines.push([`Ученик${k}-${n} Тест`, label(k), ...days.map(() => (random() < 0.05 ? "Н" : random() < 0.01 ? "Б" : ""))].join(";"));
    }
  }
  return new TextEncoder().encode(lines.join("\n"));
}

async function measure(url: string, name: string) {
  const { db, schoolId } = await seed(url);
  const bytes = gridFile();
  const run = async () => {
    const started = performance.now();
    const result = await importAttendance(
      { db: db.prisma, now: () => new Date("2026-11-30T10:00:00Z") },
      { by: "cli", schoolId, bytes, today: "2026-11-30" },
    );
    if (result.kind !== "imported") throw new Error(`bench import failed: ${JSON.stringify(result).slice(0, 300)}`);
    return { ms: Math.round(performance.now() - started), result };
  };
  try {
    const first = await run();
    const again = await run();
    const kb = Math.round(bytes.length / 1024);
    return [
      {
        name: `attendance import, ${name}, ${CLASSES * PER_CLASS} students × ${DAYS} days (${kb} KB)`,
        figure: `${first.ms} ms, ${first.result.absences} absences, ${first.result.changed} rows`,
        goal: "< 3 s",
      },
      {
        name: `attendance import, ${name}, the same file again`,
        figure: `${again.ms} ms, ${again.result.changed} rows changed`,
        goal: "0 rows",
      },
    ];
  } finally {
    await db.close();
  }
}

export async function benchAttendance() {
  const rows: { name: string; figure: string; goal: string }[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-attendance-"));
  try {
    rows.push(...(await measure(`file:${path.join(dir, "attendance.db")}`, "SQLite")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const database = `klassruk_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  try {
    await postgresAdmin(server, `CREATE DATABASE "${database}"`);
  } catch {
    rows.push({ name: "attendance import, PostgreSQL", figure: "skipped: no PostgreSQL server", goal: "< 3 s" });
    return rows;
  }
  try {
    const url = new URL(server);
    url.pathname = `/${database}`;
    rows.push(...(await measure(url.toString(), "PostgreSQL")));
  } finally {
    await postgresAdmin(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
  return rows;
}
