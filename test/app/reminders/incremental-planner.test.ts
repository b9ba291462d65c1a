import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addVacation, removeVacation, updateSchoolSettings } from "../../../src/app/admin/school-settings.js";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { recordOccurrence } from "../../../src/app/cases/record-occurrence.js";
import { skipStep } from "../../../src/app/cases/skip-step.js";
import { AppError } from "../../../src/app/app-error.js";
import { planReminders, type PlanRun } from "../../../src/app/reminders/plan-reminders.js";
import { addDays } from "../../../src/domain/dates.js";
import type { PlannedNotification } from "../../../src/domain/reminders/notification.js";
import { createSchoolRepository } from "../../../src/repositories/school-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addPerson, caseDeps, movableClock, productionYears, regulations, seedReminderSchool } from "../../support/reminder-fixtures.js";

/*
 * The planner as it runs (reading only the cases whose nextAttentionOn has come) against a full
 * sweep of every open case, on the real database, through the real use cases: random steps marked,
 * skipped and closed, vacations added and removed, the week changed. Each school day both plan at
 * 09:00 and 20:00, and the rows they would write must be the same, to the payload.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const REGULATIONS = ["absence-criterion-22", "interaction-2-difficulty", "interaction-4-council", "interaction-3-upbringing"] as const;
const DAYS = 18;

const action = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom("complete" as const, "complete" as const, "occurrence" as const, "skip" as const, "close" as const),
      day: fc.integer({ min: 0, max: DAYS - 1 }),
      caseIndex: fc.integer({ min: 0, max: REGULATIONS.length - 1 }),
      step: fc.integer({ min: 0, max: 7 }),
      answer: fc.integer({ min: 0, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom("vacation" as const, "removeVacation" as const, "week" as const),
      day: fc.integer({ min: 0, max: DAYS - 1 }),
      start: fc.integer({ min: -3, max: DAYS + 10 }),
      length: fc.integer({ min: 1, max: 10 }),
    }),
  },
);

const rowsOf = (rows: PlannedNotification[]) =>
  rows.map((r) => `${r.key} ${r.notBefore.toISOString()} ${JSON.stringify(r.payload)}`).sort();

describe("the planner reads only what is due", () => {
  const totals = { due: 0, all: 0, attention: 0 };

  it("and plans exactly what a full sweep plans, over random histories and calendar changes", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 200 }), fc.array(action, { maxLength: 16 }), async (startOffset, actions) => {
        run++;
        const start = addDays("2025-10-20", startOffset);
        const clock = movableClock(`${start}T10:00:00+03:00`);
        const deps = caseDeps(db.prisma, clock.now);
        const school = await seedReminderSchool(db.prisma, `Школа ${run}`);
        const admin = await addPerson(db.prisma, school.schoolId, "Орлова Нина Павловна", ["admin"]);
        const schools = createSchoolRepository(db.prisma);
        const caseIds: string[] = [];
        for (const regulationId of REGULATIONS) {
          const studentId =
            regulationId === "interaction-3-upbringing"
              ? undefined
              : await schools.addStudent(school.schoolId, school.classId, `Ученик ${regulationId}`);
          const opened = await openCase(deps, {
            actor: school.teacher,
            regulationId,
            ...(studentId === undefined ? { classId: school.classId } : { studentId }),
            ...(regulationId === "absence-criterion-22" ? { firstAbsenceOn: addDays(start, -16) } : {}),
            ...(regulationId === "interaction-2-difficulty" ? { deputyArea: "upbringing" as const } : {}),
          });
          caseIds.push(opened.state.id);
        }
        const vacationIds: number[] = [];
        const sorted = [...actions].sort((a, b) => a.day - b.day);

        try {
          for (let day = 0, next = 0; day < DAYS; day++) {
            const today = addDays(start, day);
            clock.set(`${today}T10:00:00+03:00`);
            for (; next < sorted.length && sorted[next]!.day === day; next++) {
              const a = sorted[next]!;
              try {
                if ("caseIndex" in a) {
                  const caseId = caseIds[a.caseIndex]!;
                  const regulation = regulations.current(REGULATIONS[a.caseIndex]!);
                  const step = regulation.steps[a.step % regulation.steps.length]!;
                  const answers = step.question?.answers ?? [];
                  const answer = answers.length > 0 ? answers[a.answer % answers.length]!.id : undefined;
                  const form = step.forms?.[0];
                  const base = { actor: school.teacher, caseId, stepId: step.id };
                  if (a.kind === "complete")
                    await completeStep(deps, { ...base, ...(answer ? { answer } : {}), ...(form ? { form } : {}) });
                  if (a.kind === "occurrence") await recordOccurrence(deps, { ...base, ...(form ? { form } : {}) });
                  if (a.kind === "skip") await skipStep(deps, { ...base, reason: "не требуется" });
                  if (a.kind === "close")
                    await closeCase(deps, { actor: school.teacher, caseId, reason: "resolved", gapReason: "не было" });
                } else if (a.kind === "vacation") {
                  vacationIds.push(
                    await addVacation(deps, { actor: admin, from: addDays(start, a.start), to: addDays(start, a.start + a.length - 1) }),
                  );
                } else if (a.kind === "removeVacation") {
                  const id = vacationIds.shift();
                  if (id !== undefined) await removeVacation(deps, { actor: admin, vacationId: id });
                } else {
                  await updateSchoolSettings(deps, { actor: admin, change: { weekLength: a.length % 2 === 0 ? 6 : 5 } });
                }
              } catch (error) {
                // What the engine or the access policy refuses changes nothing.
                if (!(error instanceof AppError)) throw error;
              }
            }
            for (const hour of ["09:00", "20:00"]) {
              clock.set(`${today}T${hour}:00+03:00`);
              const incremental: PlannedNotification[] = [];
              const full: PlannedNotification[] = [];
              const planDeps = { db: db.prisma, regulations, productionYears, now: clock.now };
              const due: PlanRun = await planReminders(planDeps, { into: incremental });
              const all: PlanRun = await planReminders(planDeps, { into: full, sweep: "all" });
              totals.due += due.cases;
              totals.all += all.cases;
              totals.attention += due.attention;
              expect(rowsOf(incremental), `${today} ${hour}`).toEqual(rowsOf(full));
            }
          }
        } finally {
          // The next history plans with an empty slate: this school's cases are done with.
          await db.prisma.case.updateMany({ where: { schoolId: school.schoolId }, data: { status: "closed" } });
        }
      }),
      { numRuns: 5 },
    );
    // It did read less, and it stored dates as it went.
    expect(totals.due).toBeLessThan(totals.all * 0.8);
    expect(totals.attention).toBeGreaterThan(0);
  }, 90_000);
});
