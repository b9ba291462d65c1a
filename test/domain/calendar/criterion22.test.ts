import { describe, expect, it } from "vitest";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import { CRITERION_22_SCHOOL_DAYS, criterion22 } from "../../../src/domain/calendar/criterion22.js";
import { createSchoolCalendar } from "../../../src/domain/calendar/school-calendar.js";

const productionYears = loadProductionYears();
const autumn2025 = { from: "2025-10-25", to: "2025-11-02" };
const fiveDay = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears });
const fiveDayAutumn = createSchoolCalendar({ weekLength: 5, vacations: [autumn2025], productionYears });
const sixDay = createSchoolCalendar({ weekLength: 6, vacations: [], productionYears });

describe("criterion22", () => {
  it("threshold is more than 10 school days", () => {
    expect(CRITERION_22_SCHOOL_DAYS).toBe(10);
  });

  // 5-day, from Mon 20.10.2025: 20–24 Oct (1–5), 27–31 Oct (6–10), working Saturday 1 Nov (11).
  // With the autumn vacation 25.10–02.11: 20–24 Oct (1–5), 3–4 Nov off, 5, 6, 7, 10, 11 Nov (6–10), 12 Nov (11).
  // 6-day, from Mon 20.10.2025: 20–25 Oct (1–6), 27–30 Oct (7–10), 31 Oct (11).
  it.each([
    ["5-day", fiveDay, "2025-10-20", "2025-11-01"],
    ["5-day + autumn vacation", fiveDayAutumn, "2025-10-20", "2025-11-12"],
    ["6-day", sixDay, "2025-10-20", "2025-10-31"],
    ["5-day, absence starts on Sunday", fiveDay, "2025-10-19", "2025-11-01"],
    ["5-day, absence starts in the vacation", fiveDayAutumn, "2025-10-27", "2025-11-19"],
    ["5-day, across the new year", fiveDay, "2025-12-29", "2026-01-22"],
  ])("%s: first absence %s -> met on %s", (_, calendar, firstAbsenceDay, metOn) => {
    const result = criterion22({ calendar, firstAbsenceDay, today: metOn });
    expect(result).toEqual({ metOn, schoolDaysSoFar: 11, met: true });
  });

  it.each([
    ["2025-10-19", 0, false],
    ["2025-10-20", 1, false],
    ["2025-10-26", 5, false],
    ["2025-10-31", 10, false],
    ["2025-11-01", 11, true],
    ["2025-11-04", 11, true],
    ["2025-11-05", 12, true],
  ])("5-day, first absence 2025-10-20, today %s: %i school days, met %s", (today, schoolDaysSoFar, met) => {
    expect(criterion22({ calendar: fiveDay, firstAbsenceDay: "2025-10-20", today })).toEqual({
      metOn: "2025-11-01",
      schoolDaysSoFar,
      met,
    });
  });

  it.each([
    ["2025-11-02", 5, false],
    ["2025-11-11", 10, false],
    ["2025-11-12", 11, true],
  ])("5-day + autumn vacation, today %s: %i school days, met %s", (today, schoolDaysSoFar, met) => {
    expect(criterion22({ calendar: fiveDayAutumn, firstAbsenceDay: "2025-10-20", today })).toEqual({
      metOn: "2025-11-12",
      schoolDaysSoFar,
      met,
    });
  });
});
