import { describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/dates.js";
import { leaverErasableFrom, leaversErasableOnOrBefore, schoolYearEnd, schoolYearStart } from "../../src/domain/school-year.js";

describe("the school year (1 September – 31 August)", () => {
  it.each([
    ["2026-09-01", "2026-09-01", "2027-08-31"],
    ["2026-12-31", "2026-09-01", "2027-08-31"],
    ["2027-01-01", "2026-09-01", "2027-08-31"],
    ["2027-08-31", "2026-09-01", "2027-08-31"],
    ["2026-08-31", "2025-09-01", "2026-08-31"],
  ])("%s falls in the year %s – %s", (date, start, end) => {
    expect(schoolYearStart(date)).toBe(start);
    expect(schoolYearEnd(date)).toBe(end);
  });

  it("lets a leaver's data go on the first day of the next school year", () => {
    expect(leaverErasableFrom("2027-03-10")).toBe("2027-09-01");
    expect(leaverErasableFrom("2027-08-31")).toBe("2027-09-01");
    expect(leaverErasableFrom("2027-09-01")).toBe("2028-09-01");
  });

  it("on a given day, reaches exactly the leavers whose school year has ended", () => {
    expect(leaversErasableOnOrBefore("2027-09-01")).toBe("2027-08-31");
    expect(leaversErasableOnOrBefore("2027-08-31")).toBe("2026-08-31");
    expect(leaversErasableOnOrBefore("2028-02-29")).toBe("2027-08-31");
    for (const leftOn of ["2026-09-01", "2027-03-10", "2027-08-31"]) {
      const from = leaverErasableFrom(leftOn);
      expect(leftOn <= leaversErasableOnOrBefore(from)).toBe(true);
      expect(leftOn <= leaversErasableOnOrBefore(addDays(from, -1))).toBe(false);
    }
  });
});
