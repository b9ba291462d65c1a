import { describe, expect, it } from "vitest";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import { daysOffByLabourCode, statutoryHolidays } from "../../../src/domain/calendar/production-calendar.js";
import { createSchoolCalendar, type Vacation } from "../../../src/domain/calendar/school-calendar.js";

const productionYears = loadProductionYears();
const autumn2025: Vacation = { from: "2025-10-25", to: "2025-11-02" };

const fiveDay = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears });
const sixDay = createSchoolCalendar({ weekLength: 6, vacations: [], productionYears });
const fiveDayAutumn = createSchoolCalendar({ weekLength: 5, vacations: [autumn2025], productionYears });
const sixDayAutumn = createSchoolCalendar({ weekLength: 6, vacations: [autumn2025], productionYears });

describe("isSchoolDay, 5-day week", () => {
  it.each([
    ["2025-10-31", true, "Friday"],
    ["2025-11-01", true, "Saturday made working by decree 1335"],
    ["2025-11-02", false, "Sunday"],
    ["2025-11-03", false, "day off moved from 1 Nov"],
    ["2025-11-04", false, "Unity Day"],
    ["2025-11-05", true, "Wednesday"],
    ["2025-12-31", false, "day off moved from 5 Jan"],
    ["2026-01-09", false, "day off moved from 3 Jan"],
    ["2026-01-12", true, "first school day of 2026"],
    ["2026-03-09", false, "8 March fell on Sunday"],
    ["2026-05-11", false, "9 May fell on Saturday"],
    ["2026-03-14", false, "Saturday"],
    ["2027-05-03", false, "provisional 2027: 1 May on Saturday"],
    ["2027-05-10", false, "provisional 2027: 9 May on Sunday"],
    ["2027-06-14", false, "provisional 2027: 12 June on Saturday"],
    ["2027-05-04", true, "provisional 2027: Tuesday"],
  ])("%s -> %s (%s)", (date, expected) => {
    expect(fiveDay.isSchoolDay(date)).toBe(expected);
  });
});

describe("isSchoolDay, 6-day week", () => {
  it.each([
    ["2025-11-01", true, "Saturday"],
    ["2025-11-03", true, "the decree's 1 Nov <-> 3 Nov swap is for 5-day weeks"],
    ["2025-11-04", false, "Unity Day"],
    ["2026-03-07", true, "Saturday"],
    ["2026-03-09", false, "8 March fell on Sunday: day off moves to Monday"],
    ["2026-03-14", true, "Saturday"],
    ["2026-03-15", false, "Sunday"],
    ["2026-05-09", false, "Victory Day on Saturday"],
    ["2026-05-11", true, "9 May fell on Saturday, not Sunday: no transfer"],
    ["2026-01-09", true, "the decree's move of 3 Jan is for 5-day weeks"],
    ["2026-01-10", true, "Saturday"],
    ["2026-12-31", true, "the decree's move of 4 Jan is for 5-day weeks"],
    ["2027-05-10", false, "9 May 2027 on Sunday"],
    ["2027-05-03", true, "1 May 2027 on Saturday: no transfer"],
  ])("%s -> %s (%s)", (date, expected) => {
    expect(sixDay.isSchoolDay(date)).toBe(expected);
  });
});

describe("vacations", () => {
  it.each([
    ["2025-10-24", true, true],
    ["2025-10-25", false, false],
    ["2025-10-27", false, false],
    ["2025-11-01", false, false],
    ["2025-11-02", false, false],
    ["2025-11-03", false, true],
    ["2025-11-05", true, true],
  ])("%s: 5-day %s, 6-day %s", (date, five, six) => {
    expect(fiveDayAutumn.isSchoolDay(date)).toBe(five);
    expect(sixDayAutumn.isSchoolDay(date)).toBe(six);
  });

  it("rejects a vacation that ends before it starts", () => {
    expect(() => createSchoolCalendar({ weekLength: 5, vacations: [{ from: "2025-11-02", to: "2025-10-25" }], productionYears })).toThrow(
      /Invalid vacation/,
    );
  });
});

describe("nextSchoolDayOnOrAfter and addSchoolDays", () => {
  it.each([
    ["5-day", fiveDay, "2025-12-30", 1, "2026-01-12"],
    ["5-day", fiveDay, "2025-12-31", 0, "2026-01-12"],
    ["5-day", fiveDay, "2025-10-31", 1, "2025-11-01"],
    ["5-day", fiveDay, "2025-11-01", 1, "2025-11-05"],
    ["5-day", fiveDay, "2025-10-24", 8, "2025-11-06"],
    ["5-day", fiveDay, "2025-11-05", 0, "2025-11-05"],
    ["5-day + autumn", fiveDayAutumn, "2025-10-24", 1, "2025-11-05"],
    ["5-day + autumn", fiveDayAutumn, "2025-10-25", 0, "2025-11-05"],
    ["6-day", sixDay, "2026-03-07", 1, "2026-03-10"],
    ["6-day", sixDay, "2026-05-08", 1, "2026-05-11"],
    ["6-day + autumn", sixDayAutumn, "2025-10-24", 1, "2025-11-03"],
  ])("%s: %s + %i school days = %s", (_, calendar, date, n, expected) => {
    expect(calendar.addSchoolDays(date, n)).toBe(expected);
  });

  it("nextSchoolDayOnOrAfter keeps a school day and skips the rest", () => {
    expect(fiveDay.nextSchoolDayOnOrAfter("2026-01-12")).toBe("2026-01-12");
    expect(fiveDay.nextSchoolDayOnOrAfter("2026-01-01")).toBe("2026-01-12");
    expect(sixDay.nextSchoolDayOnOrAfter("2026-03-08")).toBe("2026-03-10");
  });

  it("rejects a negative n and a malformed date", () => {
    expect(() => fiveDay.addSchoolDays("2025-10-20", -1)).toThrow(RangeError);
    expect(() => fiveDay.isSchoolDay("2025-02-30")).toThrow(RangeError);
  });
});

describe("schoolDaysBetween counts (from, to]", () => {
  it.each([
    ["5-day", fiveDay, "2025-10-24", "2025-11-07", 9],
    ["5-day + autumn", fiveDayAutumn, "2025-10-24", "2025-11-07", 3],
    ["6-day", sixDay, "2025-10-24", "2025-11-07", 11],
    ["6-day + autumn", sixDayAutumn, "2025-10-24", "2025-11-07", 4],
    ["5-day, across the new year", fiveDay, "2025-12-26", "2026-01-16", 7],
    ["5-day, same day", fiveDay, "2025-11-05", "2025-11-05", 0],
    ["5-day, reversed", fiveDay, "2025-11-07", "2025-10-24", 0],
  ])("%s: %s .. %s = %i", (_, calendar, from, to, expected) => {
    expect(calendar.schoolDaysBetween(from, to)).toBe(expected);
  });

  it("agrees with addSchoolDays over several years", () => {
    for (const n of [1, 7, 60, 250, 600]) {
      const end = fiveDay.addSchoolDays("2025-09-01", n);
      expect(fiveDay.schoolDaysBetween("2025-09-01", end)).toBe(n);
    }
  });
});

describe("years without data", () => {
  it("uses the Labour Code for 2028 and reports the year", () => {
    const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears });
    calendar.isSchoolDay("2026-05-12");
    expect(calendar.yearsWithoutData()).toEqual([]);
    expect(calendar.isSchoolDay("2028-01-10")).toBe(true); // no decree: Jan weekend holidays are not moved
    expect(calendar.isSchoolDay("2028-03-08")).toBe(false);
    expect(calendar.isSchoolDay("2028-11-06")).toBe(false); // 4 Nov on Saturday -> Monday
    expect(calendar.yearsWithoutData()).toEqual([2028]);
  });

  it("6-day week in 2028: a Saturday holiday is not moved", () => {
    const calendar = createSchoolCalendar({ weekLength: 6, vacations: [], productionYears });
    expect(calendar.isSchoolDay("2028-11-04")).toBe(false);
    expect(calendar.isSchoolDay("2028-11-06")).toBe(true);
    expect(calendar.yearsWithoutData()).toEqual([2028]);
  });

  it("with no data at all, 2026 follows the Code only", () => {
    const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears: [] });
    expect(calendar.isSchoolDay("2026-01-09")).toBe(true); // the decree moved 3 Jan here
    expect(calendar.isSchoolDay("2026-03-09")).toBe(false);
    expect(calendar.yearsWithoutData()).toEqual([2026]);
  });
});

describe("statutory rules", () => {
  it("2027 by the Code matches the provisional file", () => {
    const file = productionYears.find((y) => y.year === 2027)!;
    expect(file.status).toBe("provisional");
    const weekdaysOff = daysOffByLabourCode(statutoryHolidays(2027), 5).filter((d) => {
      const day = new Date(`${d}T00:00:00Z`).getUTCDay();
      return day !== 0 && day !== 6;
    });
    expect(weekdaysOff).toEqual(file.fiveDayWeek.nonWorkingDays);
  });

  it.each([2025, 2026, 2027])("the %i file lists the statutory holidays", (year) => {
    expect(productionYears.find((y) => y.year === year)!.holidays).toEqual(statutoryHolidays(year));
  });
});
