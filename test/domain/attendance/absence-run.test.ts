import { describe, expect, it } from "vitest";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import { criterion22 } from "../../../src/domain/calendar/criterion22.js";
import { createSchoolCalendar } from "../../../src/domain/calendar/school-calendar.js";
import {
  type AttendanceMark,
  criterion22Day,
  currentAbsenceRun,
  returnedOn,
  schoolDaysUntilCriterion22,
  withExcusedRuns,
} from "../../../src/domain/attendance/absence-run.js";
import { addDays, type LocalDate } from "../../../src/domain/dates.js";

const productionYears = loadProductionYears();
const autumn2025 = { from: "2025-10-25", to: "2025-11-02" };
const fiveDay = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears });
const fiveDayAutumn = createSchoolCalendar({ weekLength: 5, vacations: [autumn2025], productionYears });
const sixDay = createSchoolCalendar({ weekLength: 6, vacations: [], productionYears });

/** Every school day in [from, to] marked `mark`. */
function marked(
  calendar: typeof fiveDay,
  from: LocalDate,
  to: LocalDate,
  mark: AttendanceMark,
  into = new Map<LocalDate, AttendanceMark>(),
) {
  for (let d = from; d <= to; d = addDays(d, 1)) if (calendar.isSchoolDay(d)) into.set(d, mark);
  return into;
}

describe("the run of school days absent without a valid reason", () => {
  it("counts school days only: a weekend inside the run neither breaks nor counts", () => {
    // Mon 13.10–Fri 17.10 and Mon 20.10, 2025: six school days.
    const marks = marked(fiveDay, "2025-10-13", "2025-10-20", "unexcused");
    expect(currentAbsenceRun(fiveDay, marks, "2025-10-20")).toEqual({
      days: 6,
      firstDay: "2025-10-13",
      lastDay: "2025-10-20",
      daysWithoutData: 0,
    });
  });

  it("a vacation and a public holiday inside the run do not break it", () => {
    // 5-day week with the autumn vacation 25.10–02.11: 20–24.10, then 03.11 (a day off moved from
    // the working Saturday 01.11) and 04.11 (a public holiday), then 05–07.11: 8 school days.
    const marks = marked(fiveDayAutumn, "2025-10-20", "2025-11-07", "unexcused");
    expect([...marks.keys()]).not.toContain("2025-11-04");
    const run = currentAbsenceRun(fiveDayAutumn, marks, "2025-11-07");
    expect(run).toMatchObject({ days: 8, firstDay: "2025-10-20", daysWithoutData: 0 });
    // A mark a journal put on the holiday or in the vacation is not a school day: ignored.
    marks.set("2025-11-04", "present");
    marks.set("2025-10-27", "present");
    expect(currentAbsenceRun(fiveDayAutumn, marks, "2025-11-07").days).toBe(8);
  });

  it("a 6-day week counts Saturdays", () => {
    const marks = marked(sixDay, "2025-10-20", "2025-10-25", "unexcused");
    expect(currentAbsenceRun(sixDay, marks, "2025-10-25").days).toBe(6);
    expect(currentAbsenceRun(fiveDay, marked(fiveDay, "2025-10-20", "2025-10-25", "unexcused"), "2025-10-25").days).toBe(5);
  });

  it("an excused absence or a day present ends it; the run is what came after", () => {
    const marks = marked(fiveDay, "2025-10-13", "2025-10-24", "unexcused");
    marks.set("2025-10-16", "excused");
    expect(currentAbsenceRun(fiveDay, marks, "2025-10-24")).toMatchObject({ days: 6, firstDay: "2025-10-17" });
    marks.set("2025-10-24", "present");
    expect(currentAbsenceRun(fiveDay, marks, "2025-10-24")).toEqual({ days: 0, daysWithoutData: 0 });
  });

  it("a school day with no mark is passed over and shown as such", () => {
    const marks = marked(fiveDay, "2025-10-13", "2025-10-24", "unexcused");
    marks.delete("2025-10-15");
    marks.delete("2025-10-22");
    expect(currentAbsenceRun(fiveDay, marks, "2025-10-24")).toEqual({
      days: 8,
      firstDay: "2025-10-13",
      lastDay: "2025-10-24",
      daysWithoutData: 2,
    });
    // Today not marked yet: the run stands as of the last day with data.
    expect(currentAbsenceRun(fiveDay, marks, "2025-10-27")).toMatchObject({ days: 8, lastDay: "2025-10-24" });
  });

  it("ignores marks after today, and is empty with no marks", () => {
    const marks = marked(fiveDay, "2025-10-13", "2025-10-24", "unexcused");
    expect(currentAbsenceRun(fiveDay, marks, "2025-10-17").days).toBe(5);
    expect(currentAbsenceRun(fiveDay, new Map(), "2025-10-17")).toEqual({ days: 0, daysWithoutData: 0 });
  });

  it("says how many school days are left before criterion 22, and the day it fires, as criterion22 does", () => {
    expect(schoolDaysUntilCriterion22({ days: 5 })).toBe(6);
    expect(schoolDaysUntilCriterion22({ days: 10 })).toBe(1);
    expect(schoolDaysUntilCriterion22({ days: 11 })).toBe(0);
    expect(schoolDaysUntilCriterion22({ days: 15 })).toBe(0);
    for (const [calendar, first] of [
      [fiveDay, "2025-10-20"],
      [fiveDayAutumn, "2025-10-20"],
      [sixDay, "2025-10-20"],
      [fiveDay, "2025-12-29"],
    ] as const) {
      const metOn = criterion22({ calendar, firstAbsenceDay: first, today: first }).metOn;
      const marks = marked(calendar, first, metOn, "unexcused");
      const run = currentAbsenceRun(calendar, marks, metOn);
      // On the day criterion 22 fires the counter says 11 days, none left: the two agree.
      expect(run.days).toBe(11);
      expect(schoolDaysUntilCriterion22(run)).toBe(0);
      expect(criterion22Day(calendar, run)).toBe(metOn);
      // Five days in, six are left, and the day is the same.
      const five = currentAbsenceRun(calendar, marks, calendar.addSchoolDays(calendar.nextSchoolDayOnOrAfter(first), 4));
      expect(five.days).toBe(5);
      expect(schoolDaysUntilCriterion22(five)).toBe(6);
      expect(criterion22Day(calendar, five)).toBe(metOn);
    }
  });

  it("names no day for criterion 22 while a day of the run has no data", () => {
    const marks = marked(fiveDay, "2025-10-13", "2025-10-17", "unexcused");
    marks.delete("2025-10-15");
    expect(criterion22Day(fiveDay, currentAbsenceRun(fiveDay, marks, "2025-10-17"))).toBeUndefined();
  });
});

describe("the day a student came back", () => {
  it("is the first school day present after the last absence without a valid reason", () => {
    const marks = marked(fiveDay, "2025-10-13", "2025-10-17", "unexcused");
    expect(returnedOn(fiveDay, marks, "2025-10-17")).toBeUndefined();
    marks.set("2025-10-20", "excused");
    marks.set("2025-10-21", "present");
    marks.set("2025-10-22", "present");
    expect(returnedOn(fiveDay, marks, "2025-10-22")).toBe("2025-10-21");
    // Absent again: not back any more.
    marks.set("2025-10-23", "unexcused");
    expect(returnedOn(fiveDay, marks, "2025-10-23")).toBeUndefined();
    expect(returnedOn(fiveDay, new Map(), "2025-10-23")).toBeUndefined();
  });
});

describe("a run the teacher called excused", () => {
  it("counts no more from its first day until the student is next present; a later run counts again", () => {
    // Absent 13–17.10.2025, present 20.10, absent again 21–24.10.
    const marks = marked(fiveDay, "2025-10-13", "2025-10-17", "unexcused");
    marks.set("2025-10-20", "present");
    marked(fiveDay, "2025-10-21", "2025-10-24", "unexcused", marks);
    const excused = withExcusedRuns(fiveDay, marks, ["2025-10-13"]);
    expect(currentAbsenceRun(fiveDay, excused, "2025-10-17").days).toBe(0);
    expect(excused.get("2025-10-17")).toBe("excused");
    expect(excused.get("2025-10-21")).toBe("unexcused");
    expect(currentAbsenceRun(fiveDay, excused, "2025-10-24")).toMatchObject({ days: 4, firstDay: "2025-10-21" });
    // The marks given are not changed.
    expect(marks.get("2025-10-13")).toBe("unexcused");
  });

  it("a present mark on a weekend (an export's empty column) does not end the excuse", () => {
    const marks = marked(fiveDay, "2025-10-13", "2025-10-21", "unexcused");
    marks.set("2025-10-18", "present");
    const excused = withExcusedRuns(fiveDay, marks, ["2025-10-13"]);
    expect(currentAbsenceRun(fiveDay, excused, "2025-10-21").days).toBe(0);
  });

  it("no excuse leaves the marks as they are; an excuse from a later day leaves the days before it", () => {
    const marks = marked(fiveDay, "2025-10-13", "2025-10-17", "unexcused");
    expect(withExcusedRuns(fiveDay, marks, [])).toBe(marks);
    const excused = withExcusedRuns(fiveDay, marks, ["2025-10-16"]);
    expect(currentAbsenceRun(fiveDay, excused, "2025-10-15")).toMatchObject({ days: 3 });
    expect(currentAbsenceRun(fiveDay, excused, "2025-10-17").days).toBe(0);
  });
});
