import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { plannerMemory, planReminders } from "../../../src/app/reminders/plan-reminders.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { caseDeps, movableClock, productionYears, regulations, seedReminderSchool } from "../../support/reminder-fixtures.js";

/*
 * A process remembers the cases its planner planned this hour (decision 018): a rerun within the
 * hour reads only what changed, the next hour reads everything due again, and nothing the planner
 * would have written is missing from the outbox.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const clock = movableClock("2026-02-20T10:00:00+03:00");
const outboxKeys = async () =>
  (await db.prisma.notification.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((n) => n.key);

describe("the planner's memory of the hour", () => {
  it("skips what it planned this hour at the same revision, reads a changed case, and everything again at the next hour", async () => {
    const deps = caseDeps(db.prisma, clock.now);
    const cases = [];
    for (const name of ["Школа А", "Школа Б"]) {
      const school = await seedReminderSchool(db.prisma, name);
      const opened = await openCase(deps, {
        actor: school.teacher,
        regulationId: "absence-criterion-22",
        studentId: school.studentId,
        firstAbsenceOn: "2026-02-05",
      });
      cases.push({ school, id: opened.state.id });
    }
    const memory = plannerMemory();
    const plan = (withMemory = true) =>
      planReminders({ db: db.prisma, regulations, productionYears, now: clock.now }, withMemory ? { memory } : {});

    const first = await plan();
    expect(first).toMatchObject({ cases: 2, remembered: 0 });
    expect(first.inserted).toBeGreaterThan(0);

    clock.set("2026-02-20T10:05:00+03:00");
    expect(await plan()).toMatchObject({ cases: 0, remembered: 2, inserted: 0 });

    // A change of one case: only that one is read, and what it brings is written.
    await completeStep(deps, { actor: cases[0]!.school.teacher, caseId: cases[0]!.id, stepId: "informDeputy", form: "phone" });
    clock.set("2026-02-20T10:10:00+03:00");
    expect(await plan()).toMatchObject({ cases: 1, remembered: 1 });

    // A process without the memory (another instance, or a restart) finds nothing missing.
    const before = await outboxKeys();
    expect((await plan(false)).inserted).toBe(0);
    expect(await outboxKeys()).toEqual(before);

    // The hour turns: every due case is read again (the changed one is dated by step 3 now, not due today).
    clock.set("2026-02-20T11:00:00+03:00");
    const due = await db.prisma.case.count({ where: { status: "open", nextAttentionOn: { lte: "2026-02-20" } } });
    expect(due).toBe(1);
    expect(await plan()).toMatchObject({ cases: due, remembered: 0 });
    clock.set("2026-02-20T11:05:00+03:00");
    expect(await plan()).toMatchObject({ cases: 0, remembered: due });
  });

  it("reads a case whose school's calendar changed within the hour (its date is unknown again)", async () => {
    clock.set("2026-02-20T11:10:00+03:00");
    const memory = plannerMemory();
    const plan = () => planReminders({ db: db.prisma, regulations, productionYears, now: clock.now }, { memory });
    await plan();
    const [one] = await db.prisma.case.findMany({ where: { status: "open" }, orderBy: { id: "asc" }, take: 1 });
    await db.prisma.case.update({ where: { id: one!.id }, data: { nextAttentionOn: null } });
    clock.set("2026-02-20T11:15:00+03:00");
    expect(await plan()).toMatchObject({ cases: 1, attention: 1 });
  });
});
