import { describe, expect, it } from "vitest";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import { createSchoolCalendar } from "../../../src/domain/calendar/school-calendar.js";
import { deliveryTime, digestHoursFor, hoursFor, DEFAULT_SCHOOL_HOURS } from "../../../src/domain/reminders/delivery-window.js";
import { instantAt, localClock } from "../../../src/domain/reminders/local-time.js";

const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears: loadProductionYears() });
const MSK = "Europe/Moscow";
const school = DEFAULT_SCHOOL_HOURS;
const nobody = { reminderStartHour: null, reminderEndHour: null };

describe("local wall-clock time", () => {
  it.each([
    ["2025-11-05T05:00:00Z", MSK, { date: "2025-11-05", hour: 8, minute: 0 }],
    ["2025-11-04T21:30:00Z", MSK, { date: "2025-11-05", hour: 0, minute: 30 }],
    ["2025-11-05T05:00:00Z", "Asia/Yekaterinburg", { date: "2025-11-05", hour: 10, minute: 0 }],
  ])("%s in %s", (iso, zone, expected) => {
    expect(localClock(new Date(iso), zone)).toEqual(expected);
  });

  it.each([
    ["2025-11-05", 8, MSK, "2025-11-05T05:00:00.000Z"],
    ["2025-11-05", 8, "Asia/Vladivostok", "2025-11-04T22:00:00.000Z"],
    // Daylight saving (not in Russia, but the arithmetic must hold): summer and winter in Berlin.
    ["2025-07-01", 8, "Europe/Berlin", "2025-07-01T06:00:00.000Z"],
    ["2025-12-01", 8, "Europe/Berlin", "2025-12-01T07:00:00.000Z"],
    ["2025-03-30", 8, "Europe/Berlin", "2025-03-30T06:00:00.000Z"],
  ])("%s at %i:00 in %s is %s", (date, hour, zone, iso) => {
    expect(instantAt(date, hour, zone).toISOString()).toBe(iso);
  });
});

describe("reminder hours", () => {
  it.each([
    [nobody, { start: 8, end: 19 }],
    [
      { reminderStartHour: 10, reminderEndHour: 17 },
      { start: 10, end: 17 },
    ],
    // A person's hours never widen the school's.
    [
      { reminderStartHour: 6, reminderEndHour: 22 },
      { start: 8, end: 19 },
    ],
    [
      { reminderStartHour: 12, reminderEndHour: null },
      { start: 12, end: 19 },
    ],
    // Hours that leave nothing fall back to the school's.
    [
      { reminderStartHour: 20, reminderEndHour: 22 },
      { start: 8, end: 19 },
    ],
  ])("%j → %j", (person, window) => {
    expect(hoursFor(school, person)).toEqual(window);
  });

  it("opens the digest at the school's digest hour", () => {
    expect(digestHoursFor({ workStartHour: 8, workEndHour: 19, digestHour: 9 }, nobody)).toEqual({ start: 9, end: 19 });
    expect(digestHoursFor({ workStartHour: 8, workEndHour: 19, digestHour: 9 }, { reminderStartHour: 11, reminderEndHour: null })).toEqual({
      start: 11,
      end: 19,
    });
  });
});

describe("when a message may go out", () => {
  const at = (iso: string, urgent = false) => {
    const now = new Date(iso);
    return deliveryTime({ now, clock: localClock(now, MSK), timeZone: MSK, calendar, window: { start: 8, end: 19 }, urgent }).toISOString();
  };

  it.each([
    // Inside the hours of a school day: at once.
    ["2025-11-05T10:00:00+03:00", "2025-11-05T07:00:00.000Z"],
    // Early morning: at the opening of the same day.
    ["2025-11-05T06:59:00+03:00", "2025-11-05T05:00:00.000Z"],
    // At night: the next school day's morning.
    ["2025-11-05T19:00:00+03:00", "2025-11-06T05:00:00.000Z"],
    ["2025-11-05T23:30:00+03:00", "2025-11-06T05:00:00.000Z"],
    // Friday evening 31.10.2025 → Saturday 01.11 (a working Saturday by decree).
    ["2025-10-31T20:00:00+03:00", "2025-11-01T05:00:00.000Z"],
    // Saturday evening → over Sunday and the holidays of 3–4 November, to Wednesday.
    ["2025-11-01T20:00:00+03:00", "2025-11-05T05:00:00.000Z"],
    ["2025-11-04T12:00:00+03:00", "2025-11-05T05:00:00.000Z"],
    // 23.02.2026 (Monday) is a holiday.
    ["2026-02-20T19:30:00+03:00", "2026-02-24T05:00:00.000Z"],
  ])("%s → %s", (now, expected) => {
    expect(at(now)).toBe(expected);
  });

  it("sends an urgent message at once, whatever the hour or day", () => {
    expect(at("2025-11-04T03:00:00+03:00", true)).toBe("2025-11-04T00:00:00.000Z");
  });
});
