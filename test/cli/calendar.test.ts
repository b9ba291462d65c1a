import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR_DIR } from "../../src/calendar/load-production-calendar.js";
import {
  calendarAbsence,
  calendarBetween,
  calendarIsSchoolDay,
  calendarLoad,
  calendarNext,
  calendarYears,
} from "../../src/cli/commands/calendar.js";
import { bufferIo, UsageError, type ParsedArgs, type OptionValue } from "../../src/cli/command.js";
import { daysOffByLabourCode, isWeekend, statutoryHolidays } from "../../src/domain/calendar/production-calendar.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

function args(positionals: string[], values: Record<string, OptionValue> = {}): ParsedArgs {
  return { positionals, values };
}

/** A database URL nobody created: commands that must not touch a database get it. */
const NO_DATABASE = `file:${join(tmpdir(), "klassruk-cli-no-such-dir", "none.db")}`;

const tmp = mkdtempSync(join(tmpdir(), "klassruk-cli-calendar-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function writeJson(name: string, json: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return file;
}

/** A valid provisional year computed from the Labour Code alone. */
function codeYear(year: number) {
  const holidays = statutoryHolidays(year);
  return {
    year,
    status: "provisional",
    source: "ТК РФ ст. 112",
    holidays,
    fiveDayWeek: { nonWorkingDays: daysOffByLabourCode(holidays, 5).filter((d) => !isWeekend(d, 5)), workingDays: [] },
  };
}

describe("calendar next (flags only, no database)", () => {
  it("the first school day after 30.12.2025 is 12.01.2026", async () => {
    const io = bufferIo({ env: { DATABASE_URL: NO_DATABASE } });
    expect(await calendarNext(args(["2025-12-30", "1"]), io)).toBe(0);
    expect(io.stdout).toEqual(["2026-01-12"]);
    expect(io.stderr).toEqual([]);
  });

  it("accepts dd.mm.yyyy input and prints ISO", async () => {
    const io = bufferIo();
    await calendarNext(args(["30.12.2025", "1"]), io);
    expect(io.stdout).toEqual(["2026-01-12"]);
  });

  it("uses --week and repeatable --vacation", async () => {
    // 5-day: Fri 24.10 + 1 = Mon 27.10; the autumn vacation moves it to Wed 05.11 (03–04.11 are off).
    const io = bufferIo();
    await calendarNext(args(["2025-10-24", "1"], { vacation: ["2025-10-25..2025-11-02"] }), io);
    expect(io.stdout).toEqual(["2025-11-05"]);
    // 6-day: Fri 24.10 + 1 = Sat 25.10; a one-day vacation on 25.10 and another on 27.10.
    const six = bufferIo();
    await calendarNext(args(["2025-10-24", "1"], { week: "6", vacation: ["2025-10-25", "27.10.2025..27.10.2025"] }), six);
    expect(six.stdout).toEqual(["2025-10-28"]);
  });

  it("n = 0 is the date itself when it is a school day, else the next one", async () => {
    const io = bufferIo();
    await calendarNext(args(["2025-11-01", "0"]), io);
    await calendarNext(args(["2025-11-02", "0"]), io);
    expect(io.stdout).toEqual(["2025-11-01", "2025-11-05"]);
  });

  it("warns on stderr when a year without calendar data was used", async () => {
    const io = bufferIo();
    await calendarNext(args(["2028-12-28", "1"]), io);
    expect(io.stdout).toEqual(["2028-12-29"]);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^warning: no production calendar data for 2028; statutory holidays .* were used/);
  });

  it("notes a provisional year", async () => {
    const io = bufferIo();
    await calendarNext(args(["2027-04-30", "1"]), io);
    expect(io.stdout).toEqual(["2027-05-04"]);
    expect(io.stderr).toEqual([expect.stringMatching(/^note: the production calendar for 2027 is provisional/)]);
  });

  it.each([
    [["2025-02-31", "1"], {}, /February 2025 has 28 days/],
    [["2025-13-01", "1"], {}, /no month 13/],
    [["30/12/2025", "1"], {}, /YYYY-MM-DD or dd\.mm\.yyyy/],
    [["2025-12-30", "-1"], {}, /<n> must be a whole number/],
    [["2025-12-30", "1"], { week: "7" }, /--week must be 5 or 6/],
    [["2025-12-30", "1"], { vacation: ["2025-11-02..2025-10-25"] }, /ends before it starts/],
    [["2025-12-30", "1"], { school: "1", week: "6" }, /leave out --week/],
    [["2025-12-30", "1"], { school: "abc" }, /--school must be a school id/],
  ])("usage error for %j %j", async (positionals, values, message) => {
    const error: unknown = await calendarNext(args(positionals, values as Record<string, OptionValue>), bufferIo()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("calendar absence", () => {
  it("prints when criterion 22 is met and the school days so far", async () => {
    const io = bufferIo();
    expect(await calendarAbsence(args(["2025-10-20"], { today: "2025-11-05" }), io)).toBe(0);
    expect(io.stdout).toEqual([
      "counting from: 2025-10-20",
      "met on: 2025-11-01 (school day 11 of absence)",
      "school days absent as of 2025-11-05: 12",
      "met: yes",
    ]);
  });

  it("starts counting at the first school day and says not met yet", async () => {
    const io = bufferIo();
    await calendarAbsence(args(["25.10.2025"], { today: "2025-11-05", vacation: ["2025-10-25..2025-11-02"] }), io);
    expect(io.stdout).toEqual([
      "counting from: 2025-11-05 (the first school day on or after 2025-10-25)",
      "met on: 2025-11-19 (school day 11 of absence)",
      "school days absent as of 2025-11-05: 1",
      "met: no",
    ]);
  });

  it("today defaults to the current date in Moscow", async () => {
    // 22:30 UTC on 4 Nov is 01:30 on 5 Nov in Moscow.
    const io = bufferIo({ now: new Date("2025-11-04T22:30:00Z") });
    await calendarAbsence(args(["2025-10-20"]), io);
    expect(io.stdout[2]).toBe("school days absent as of 2025-11-05: 12");
  });
});

describe("calendar is-school-day and between", () => {
  it.each([
    ["2025-11-01", {}, "2025-11-01 (Saturday): yes, a working day by government decree"],
    ["2025-11-05", {}, "2025-11-05 (Wednesday): yes"],
    ["2025-11-04", {}, "2025-11-04 (Tuesday): no, a public holiday"],
    ["2025-11-03", {}, "2025-11-03 (Monday): no, a transferred day off (production calendar)"],
    ["2025-11-08", {}, "2025-11-08 (Saturday): no, a weekend day (5-day week)"],
    ["2025-11-08", { week: "6" }, "2025-11-08 (Saturday): yes"],
    ["2025-10-27", { vacation: ["2025-10-25..2025-11-02"] }, "2025-10-27 (Monday): no, vacation 2025-10-25..2025-11-02"],
  ])("%s %j", async (date, values, line) => {
    const io = bufferIo();
    await calendarIsSchoolDay(args([date], values), io);
    expect(io.stdout).toEqual([line]);
  });

  it("counts school days in (from, to]", async () => {
    const io = bufferIo();
    await calendarBetween(args(["2025-12-30", "2026-01-12"]), io);
    await calendarBetween(args(["2025-10-19", "01.11.2025"]), io);
    expect(io.stdout).toEqual([
      "school days after 2025-12-30 up to and including 2026-01-12: 1",
      "school days after 2025-10-19 up to and including 2025-11-01: 11",
    ]);
    await expect(calendarBetween(args(["2026-01-12", "2025-12-30"]), bufferIo())).rejects.toThrow(/before <from>/);
  });
});

describe("calendar load (dry run) and years without a database", () => {
  it("validates a year file and prints a summary without touching a database", async () => {
    const io = bufferIo({ env: { DATABASE_URL: NO_DATABASE } });
    const file = join(DEFAULT_CALENDAR_DIR, "2025.json");
    expect(await calendarLoad(args([file]), io)).toBe(0);
    expect(io.stdout).toEqual([
      `${file}: production calendar for 2025, valid`,
      "  status: official",
      expect.stringMatching(/^ {2}source: .*1335/),
      "  holidays: 14",
      "  non-working weekdays (5-day week): 15",
      "  working Saturdays/Sundays: 1 (2025-11-01)",
      "  working days in the year (5-day week): 247",
      expect.stringMatching(/^dry run: nothing was stored; .*--apply/),
    ]);
    expect(io.stderr).toEqual([]);
  });

  it("rejects an invalid file, naming the file and the field", async () => {
    const json = JSON.parse(readFileSync(join(DEFAULT_CALENDAR_DIR, "2026.json"), "utf8"));
    json.fiveDayWeek.nonWorkingDays[0] = "2026-01-03";
    const file = writeJson("broken.json", json);
    await expect(calendarLoad(args([file]), bufferIo())).rejects.toThrow(
      `${file}: fiveDayWeek.nonWorkingDays[0]: 2026-01-03 is a Saturday or Sunday`,
    );
    const wrongName = writeJson("2029.json", codeYear(2028));
    await expect(calendarLoad(args([wrongName]), bufferIo())).rejects.toThrow(/year: 2028 does not match the file name/);
    writeFileSync(join(tmp, "notjson.json"), "{ nope");
    await expect(calendarLoad(args([join(tmp, "notjson.json")]), bufferIo())).rejects.toThrow(/notjson\.json: invalid JSON/);
    await expect(calendarLoad(args([join(tmp, "missing.json")]), bufferIo())).rejects.toThrow(/cannot read .*missing\.json: no such file/);
  });

  it("warns when the holidays differ from the Labour Code", async () => {
    const year = codeYear(2028);
    year.holidays = year.holidays.filter((d) => d !== "2028-06-12");
    const io = bufferIo();
    await calendarLoad(args([writeJson("2028.json", year)]), io);
    expect(io.stderr).toEqual(["warning: holidays lacks 2028-06-12 (holidays of Labour Code art. 112)"]);
  });

  it("years lists the built-in files when there is no database", async () => {
    const io = bufferIo({ env: { DATABASE_URL: NO_DATABASE } });
    expect(await calendarYears(args([]), io)).toBe(0);
    const rows = io.stdout.filter((l) => /^\d{4} /.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(0, 3))).toEqual([
      ["2025", "official", "built-in"],
      ["2026", "official", "built-in"],
      ["2027", "provisional", "built-in"],
    ]);
    expect(io.stderr).toEqual([expect.stringMatching(/^note: no database at /)]);
  });
});

describe("with a database", () => {
  let db: TestDatabase;
  let schoolId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const school = await db.prisma.school.create({
      data: {
        name: "Школа № 1",
        weekLength: 6,
        timezone: "Asia/Yekaterinburg",
        vacations: {
          create: [
            { name: "осенние", fromDate: "2025-10-25", toDate: "2025-11-02" },
            { name: "зимние", fromDate: "2025-12-28", toDate: "2026-01-11" },
          ],
        },
      },
    });
    schoolId = school.id;
  });
  afterAll(() => db?.destroy());

  it("--school reads the week length and the vacations", async () => {
    const io = bufferIo();
    const url = db.url;
    // 6-day week with the autumn vacation: Fri 24.10 + 1 → Sat 25.10 is vacation, Mon 03.11 is a school day for
    // a 6-day school (only 04.11 is a holiday).
    await calendarNext(args(["2025-10-24", "1"], { school: String(schoolId), "database-url": url }), io);
    // Winter vacation to 11.01: the first school day after 26.12 (Fri) is Sat 27.12, the second is Mon 12.01.
    await calendarNext(args(["2025-12-26", "2"], { school: String(schoolId), "database-url": url }), io);
    expect(io.stdout).toEqual(["2025-11-03", "2026-01-12"]);
    expect(io.stderr).toEqual([]);
  });

  it("absence uses the school's timezone for today", async () => {
    // 20:30 UTC on 4 Nov is 01:30 on 5 Nov in Yekaterinburg (still 4 Nov, 23:30, in Moscow).
    const io = bufferIo({ now: new Date("2025-11-04T20:30:00Z") });
    await calendarAbsence(args(["2025-10-20"], { school: String(schoolId), "database-url": db.url }), io);
    // 6-day, autumn vacation 25.10–02.11: 20–24 Oct (1–5), 03 Nov (6), 04 Nov holiday, 05–08 Nov (7–10), 10 Nov (11).
    expect(io.stdout).toEqual([
      "counting from: 2025-10-20",
      "met on: 2025-11-10 (school day 11 of absence)",
      "school days absent as of 2025-11-05: 7",
      "met: no",
    ]);
  });

  it("an unknown school is an error naming the id", async () => {
    await expect(calendarNext(args(["2025-12-30", "1"], { school: "999", "database-url": db.url }), bufferIo())).rejects.toThrow(
      `no school with id 999`,
    );
  });

  it("a missing database is an error, not a new empty file", async () => {
    await expect(calendarNext(args(["2025-12-30", "1"], { school: "1", "database-url": NO_DATABASE }), bufferIo())).rejects.toThrow(
      /no database at SQLite .*none\.db; create it with `npm run migrate`/,
    );
  });

  it("load --apply stores a year that commands using the database then take", async () => {
    const file = writeJson("2028.json", codeYear(2028));
    const before = bufferIo();
    await calendarNext(args(["2028-11-03", "1"], { "database-url": db.url }), before);
    expect(before.stderr[0]).toMatch(/^warning: no production calendar data for 2028/);

    const io = bufferIo({ env: { DATABASE_URL: db.url } });
    expect(await calendarLoad(args([file], { apply: true }), io)).toBe(0);
    expect(io.stdout.at(-1)).toMatch(/^stored 2028 in SQLite |^stored 2028 in PostgreSQL /);
    const row = await db.prisma.productionYear.findUnique({ where: { year: 2028 } });
    expect(JSON.parse(row!.data)).toMatchObject({ year: 2028, status: "provisional" });
    // The same use case as the bot's upload: with an audit row (the command line acts without a user).
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "calendar.yearUploaded", subject: "calendar:2028" } });
    expect(audit.map((a) => [a.schoolId, a.actorId])).toEqual([[null, null]]);

    const after = bufferIo();
    // Sat 04.11.2028 is Unity Day, so Monday 06.11 is off by the Code.
    await calendarNext(args(["2028-11-03", "1"], { "database-url": db.url }), after);
    expect(after.stdout).toEqual(["2028-11-07"]);
    expect(after.stderr).toEqual([expect.stringMatching(/^note: the production calendar for 2028 is provisional/)]);
  });

  it("an upload overrides a built-in year, and years shows where each year comes from", async () => {
    const official2027 = JSON.parse(readFileSync(join(DEFAULT_CALENDAR_DIR, "2027.json"), "utf8"));
    official2027.status = "official";
    official2027.source = "Постановление (тест)";
    const io = bufferIo();
    await calendarLoad(args([writeJson("2027.json", official2027)], { apply: true, "database-url": db.url }), io);
    expect(io.stdout.at(-1)).toContain("(overrides the built-in file)");
    const again = bufferIo();
    await calendarLoad(args([writeJson("2027.json", official2027)], { apply: true, "database-url": db.url }), again);
    expect(again.stdout.at(-1)).toContain("(replaced the earlier upload; overrides the built-in file)");

    const years = bufferIo();
    expect(await calendarYears(args([], { "database-url": db.url }), years)).toBe(0);
    const rows = years.stdout.filter((l) => /^\d{4} /.test(l)).map((r) => r.split(/\s{2,}/));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ["2025", "official"],
      ["2026", "official"],
      ["2027", "official"],
      ["2028", "provisional"],
    ]);
    expect(rows[2]![2]).toMatch(/^database, uploaded \d{4}-\d\d-\d\d, overrides built-in$/);
    expect(rows[2]![3]).toBe("Постановление (тест)");
    expect(rows[3]![2]).toMatch(/^database, uploaded /);

    const next = bufferIo();
    await calendarNext(args(["2027-04-30", "1"], { school: String(schoolId), "database-url": db.url }), next);
    expect(next.stderr).toEqual([]); // no "provisional" note: the upload says official
  });

  it("an invalid stored year is reported, naming the row and the field", async () => {
    await db.prisma.productionYear.create({ data: { year: 2030, data: JSON.stringify({ ...codeYear(2030), status: "draft" }) } });
    try {
      const io = bufferIo();
      expect(await calendarYears(args([], { "database-url": db.url }), io)).toBe(1);
      expect(io.stdout.find((l) => l.startsWith("2030"))).toMatch(/^2030 +INVALID/);
      expect(io.stderr).toEqual([expect.stringMatching(/^error: database ProductionYear 2030: status: /)]);
      await expect(calendarNext(args(["2025-12-30", "1"], { "database-url": db.url }), bufferIo())).rejects.toThrow(
        /database ProductionYear 2030: status/,
      );
    } finally {
      await db.prisma.productionYear.delete({ where: { year: 2030 } });
    }
  });
});
