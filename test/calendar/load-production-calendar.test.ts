import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR_DIR, loadProductionYears, parseProductionYear } from "../../src/calendar/load-production-calendar.js";

const valid2026 = JSON.parse(readFileSync(join(DEFAULT_CALENDAR_DIR, "2026.json"), "utf8")) as Record<string, unknown>;

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "calendar-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function with2026(patch: (json: any) => void): string {
  const json = structuredClone(valid2026);
  patch(json);
  return JSON.stringify(json);
}

describe("loadProductionYears", () => {
  it("loads the built-in calendar folder", () => {
    const years = loadProductionYears();
    expect(years.map((y) => [y.year, y.status])).toEqual([
      [2025, "official"],
      [2026, "official"],
      [2027, "provisional"],
    ]);
    expect(years[0]!.fiveDayWeek.workingDays).toEqual(["2025-11-01"]);
    expect(years[1]!.source).toContain("1466");
  });

  it("ignores non-JSON files and accepts a BOM", () => {
    const dir = dirWith({ "README.md": "# notes", "2026.json": `\uFEFF${JSON.stringify(valid2026)}` });
    expect(loadProductionYears(dir).map((y) => y.year)).toEqual([2026]);
  });

  it.each([
    [
      "a date of another year",
      (j: any) => (j.fiveDayWeek.nonWorkingDays[3] = "2025-01-06"),
      "fiveDayWeek.nonWorkingDays[3]: not a date of 2026",
    ],
    ["an impossible date", (j: any) => (j.holidays[1] = "2026-02-30"), "holidays[1]: not a real date"],
    [
      "a Saturday among non-working weekdays",
      (j: any) => j.fiveDayWeek.nonWorkingDays.push("2026-03-14"),
      "fiveDayWeek.nonWorkingDays[14]: 2026-03-14 is a Saturday or Sunday",
    ],
    [
      "a weekday among working days",
      (j: any) => (j.fiveDayWeek.workingDays = ["2026-03-10"]),
      "fiveDayWeek.workingDays[0]: 2026-03-10 is not a Saturday or Sunday",
    ],
    ["a duplicate", (j: any) => j.holidays.push("2026-01-01"), "holidays[14]: 2026-01-01 is listed twice"],
    ["an unknown status", (j: any) => (j.status = "draft"), "2026.json: status:"],
    ["a missing field", (j: any) => delete j.fiveDayWeek.workingDays, "fiveDayWeek.workingDays:"],
    ["a misspelt field", (j: any) => (j.holiday = []), "2026.json: Unrecognized key"],
  ])("names the file and the field for %s", (_, patch, message) => {
    const dir = dirWith({ "2026.json": with2026(patch) });
    expect(() => loadProductionYears(dir)).toThrow(`${basename(dir)}/2026.json: `);
    expect(() => loadProductionYears(dir)).toThrow(message);
  });

  it("rejects invalid JSON", () => {
    const dir = dirWith({ "2026.json": '{ "year": 2026,' });
    expect(() => loadProductionYears(dir)).toThrow(`${basename(dir)}/2026.json: invalid JSON`);
  });

  it("rejects a year that does not match the file name", () => {
    const dir = dirWith({ "2027.json": JSON.stringify(valid2026) });
    expect(() => loadProductionYears(dir)).toThrow("2027.json: year: 2026 does not match the file name");
  });

  it("rejects the same year in two files", () => {
    const dir = dirWith({ "2026.json": JSON.stringify(valid2026), "extra.json": JSON.stringify(valid2026) });
    expect(() => loadProductionYears(dir)).toThrow("extra.json: year: 2026 is already defined in");
  });
});

describe("parseProductionYear", () => {
  it("returns the parsed year", () => {
    expect(parseProductionYear(valid2026, "upload.json").year).toBe(2026);
  });

  it("uses the given file name in errors", () => {
    expect(() => parseProductionYear({ ...valid2026, year: "2026" }, "upload.json")).toThrow(/^upload\.json: year: /);
  });
});
