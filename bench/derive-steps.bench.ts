import { createSchoolCalendar } from "../src/domain/calendar/school-calendar.js";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { completeStep, deriveSteps, openCase, type CaseState } from "../src/domain/case/index.js";
import { addDays } from "../src/domain/dates.js";

/** The pure part of planning: deriving every step's status and due date for 100,000 open cases. */
export async function benchDeriveSteps() {
  const regulation = loadRegulations().current("absence-criterion-22");
  const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears: loadProductionYears() });
  const cases: CaseState[] = [];
  for (let i = 0; i < 100_000; i++) {
    const openedOn = addDays("2026-09-01", i % 60);
    let state = openCase(regulation, {
      id: String(i),
      teacherId: "1",
      studentId: String(i),
      openedOn,
      today: "2026-11-23",
      actorId: "1",
    }).state;
    // Half the cases a step further: their first step still open is confirmed on the day of opening.
    const open = regulation.steps.find((step) => state.steps[step.id]?.state === "open");
    if (i % 2 === 0 && open)
      state = completeStep(regulation, state, { stepId: open.id, actorId: "1", on: openedOn, today: "2026-11-23" }).state;
    cases.push(state);
  }
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let overdue = 0;
  for (const state of cases) {
    for (const view of deriveSteps(regulation, state, { calendar, today: "2026-11-23" })) if (view.status === "overdue") overdue++;
  }
  const ms = performance.now() - started;
  return [
    { name: "derive steps, 100k absence cases", figure: `${ms.toFixed(0)} ms (${overdue} overdue steps)`, goal: "part of planner ≤ 2 s" },
    {
      name: "heap for 100k case states",
      figure: `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB RSS, Δheap ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(0)} MiB`,
      goal: "≤ 256 MB",
    },
  ];
}
