import { describe, expect, it } from "vitest";
import { parseAttendanceDate } from "../../../src/attendance/parse-attendance.js";
import {
  DEFAULT_MARK_MAPPING,
  markKey,
  marksByMeaning,
  meaningOf,
  schoolMarkKey,
  schoolMarkMapping,
} from "../../../src/domain/attendance/marks.js";

describe("a journal's marks", () => {
  it("map by default: «Н» unexcused; «УП», «Б» excused; «ОП», «П» and an empty cell present", () => {
    expect(["Н", "н", " Н ", "НБ", "УП", "у.п.", "Б", "ОП", "П", ""].map((m) => meaningOf(m))).toEqual([
      "unexcused",
      "unexcused",
      "unexcused",
      "unexcused",
      "excused",
      "excused",
      "excused",
      "present",
      "present",
      "present",
    ]);
  });

  it("do not guess an unknown mark, and follow a school's own mapping", () => {
    expect(meaningOf("XX")).toBeUndefined();
    expect(meaningOf("5")).toBeUndefined();
    const own = { ...DEFAULT_MARK_MAPPING, [markKey("отс")]: "unexcused" as const };
    expect(meaningOf("Отс.", own)).toBe("unexcused");
  });
});

describe("dates in an attendance file", () => {
  it("reads dd.mm.yyyy, yyyy-mm-dd and dd.mm in the school year of today", () => {
    expect(parseAttendanceDate("09.11.2026", "2026-11-16")).toBe("2026-11-09");
    expect(parseAttendanceDate("9.1.2027", "2026-11-16")).toBe("2027-01-09");
    expect(parseAttendanceDate("2026-11-09", "2026-11-16")).toBe("2026-11-09");
    expect(parseAttendanceDate("09.11", "2027-02-01")).toBe("2026-11-09");
    expect(parseAttendanceDate("15.01", "2026-11-16")).toBe("2027-01-15");
    expect(parseAttendanceDate("09.11.2026 0:00:00", "2026-11-16")).toBe("2026-11-09");
  });

  it("refuses what is not a date", () => {
    for (const text of ["32.11.2026", "31.02.2026", "Н", "", "2026/11/09", "11.2026"]) {
      expect(parseAttendanceDate(text, "2026-11-16")).toBeUndefined();
    }
  });
});

describe("a school's own marks", () => {
  it("go over the default, and what is malformed in the stored JSON is dropped", () => {
    const mapping = schoolMarkMapping(JSON.stringify({ нп: "unexcused", б: "unexcused", "a:b": "excused", x: "absent", "": "excused" }));
    expect(meaningOf("НП", mapping)).toBe("unexcused");
    expect(meaningOf("Б", mapping)).toBe("unexcused");
    expect(meaningOf("", mapping)).toBe("present");
    expect(meaningOf("X", mapping)).toBeUndefined();
    expect(schoolMarkMapping("not json")).toEqual(DEFAULT_MARK_MAPPING);
    expect(schoolMarkMapping("[1]")).toEqual(DEFAULT_MARK_MAPPING);
  });

  it("are letters and digits, up to eight", () => {
    expect(schoolMarkKey(" Н.П. ")).toBe("нп");
    expect(schoolMarkKey("Ё1")).toBe("е1");
    for (const bad of ["", "...", "a:b", "Н/П", "очень-длинная", "абвгдежзи"]) expect(schoolMarkKey(bad)).toBeUndefined();
  });

  it("are listed by meaning, the empty cell last", () => {
    expect(marksByMeaning(schoolMarkMapping(JSON.stringify({ нп: "unexcused" })))).toEqual({
      unexcused: ["н", "нб", "нп"],
      excused: ["б", "уп"],
      present: ["оп", "п", ""],
    });
  });
});
