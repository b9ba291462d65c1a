import { describe, expect, it } from "vitest";
import { groupByArea, isPlanArea, PLAN_AREAS } from "../../../src/domain/plans/plan-areas.js";

describe("the ИПР's areas", () => {
  it("groups measures in the schools' order, keeps each group's order, leaves out empty groups", () => {
    const measures = [
      { what: "a", area: "agencies" as const },
      { what: "b", area: "family" as const },
      { what: "c" },
      { what: "d", area: "family" as const },
      { what: "e", area: "student" as const },
    ];
    expect(groupByArea(measures).map((g) => [g.area, g.measures.map((m) => m.what).join("")])).toEqual([
      ["student", "ce"],
      ["family", "bd"],
      ["agencies", "a"],
    ]);
    expect(groupByArea([])).toEqual([]);
  });

  it("knows its four areas and nothing else", () => {
    expect(PLAN_AREAS).toEqual(["student", "family", "teachers", "agencies"]);
    for (const area of PLAN_AREAS) expect(isPlanArea(area)).toBe(true);
    for (const bad of ["", "Student", "parents", null, 3, undefined]) expect(isPlanArea(bad)).toBe(false);
  });
});
