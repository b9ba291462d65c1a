import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import { completeStep, deriveSteps, openCase, type CaseState } from "../../../src/domain/case/index.js";
import { createSchoolCalendar } from "../../../src/domain/calendar/school-calendar.js";
import { regulationSchema } from "../../../src/domain/regulation/schema.js";

/*
 * An answer that awaits others («статуса ещё нет», awaitsOthers) moves the step's deadline to the
 * next school day when it is given on or after the deadline; before the deadline it changes
 * nothing. Notice on Monday 10.11.2025: step 3's window is 13.11–17.11.
 */

const absence = regulationSchema.parse(
  JSON.parse(readFileSync(new URL("../../../regulations/absence-criterion-22.json", import.meta.url), "utf8")),
);
const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears: loadProductionYears() });
const OPENED = "2025-11-10";

function waitingOn(...dates: string[]): CaseState {
  let state = openCase(absence, { id: "c", teacherId: "t", openedOn: OPENED, today: OPENED, actorId: "t" }).state;
  for (const on of dates) {
    state = completeStep(absence, state, { stepId: "trackStatus", actorId: "t", on, today: "2025-12-31", answer: "noStatusYet" }).state;
  }
  return state;
}

const stepThree = (state: CaseState, today: string) =>
  deriveSteps(absence, state, { calendar, today }).find((v) => v.stepId === "trackStatus")!;

describe("a step awaiting others", () => {
  it.each([
    // answers, today → status, due, postponedFrom
    [[], "2025-11-18", "overdue", "2025-11-17", undefined],
    [["2025-11-13"], "2025-11-18", "overdue", "2025-11-17", undefined],
    [["2025-11-17"], "2025-11-17", "dueSoon", "2025-11-18", "2025-11-17"],
    [["2025-11-17"], "2025-11-18", "dueToday", "2025-11-18", "2025-11-17"],
    [["2025-11-17"], "2025-11-19", "overdue", "2025-11-18", "2025-11-17"],
    // Friday's answer carries over the weekend to Monday.
    [["2025-11-17", "2025-11-21"], "2025-11-24", "dueToday", "2025-11-24", "2025-11-17"],
    // Late, then answered: the lateness was real, but from the answer on it waits again.
    [["2025-11-20"], "2025-11-20", "dueSoon", "2025-11-21", "2025-11-17"],
  ] as const)("answered on %j, on %s: %s, due %s", (answers, today, status, due, postponedFrom) => {
    const view = stepThree(waitingOn(...answers), today);
    expect(view.status).toBe(status);
    expect(view.dueOn).toBe(due);
    expect(view.postponedFrom).toBe(postponedFrom);
    expect(view.awaitingOthersOn).toBe(answers.at(-1));
  });

  it("a completed step ignores its earlier «still waiting» answers", () => {
    const state = completeStep(absence, waitingOn("2025-11-17"), {
      stepId: "trackStatus",
      actorId: "t",
      on: "2025-11-18",
      today: "2025-11-18",
      answer: "notConfirmed",
    }).state;
    const view = stepThree(state, "2025-11-19");
    expect(view).toMatchObject({ status: "done" });
    expect(view.awaitingOthersOn).toBeUndefined();
    expect(view.postponedFrom).toBeUndefined();
  });
});
