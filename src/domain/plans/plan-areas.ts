/**
 * The areas an ИПР groups its measures by, in the order schools print them: work with the student,
 * with the family, with teachers, with other agencies (КДН, ПДН, family centre, health care).
 */
export const PLAN_AREAS = ["student", "family", "teachers", "agencies"] as const;
export type PlanArea = (typeof PLAN_AREAS)[number];

export function isPlanArea(value: unknown): value is PlanArea {
  return typeof value === "string" && (PLAN_AREAS as readonly string[]).includes(value);
}

/**
 * Measures grouped by area in PLAN_AREAS order, each group in the plan's own order; a measure with
 * no area (recorded before areas were asked) goes with the student's. Empty groups are left out.
 */
export function groupByArea<M extends { area?: PlanArea }>(measures: readonly M[]): { area: PlanArea; measures: M[] }[] {
  return PLAN_AREAS.map((area) => ({ area, measures: measures.filter((m) => (m.area ?? "student") === area) })).filter(
    (group) => group.measures.length > 0,
  );
}
