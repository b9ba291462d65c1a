import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addVacation } from "../../../src/app/admin/school-settings.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { planReminders } from "../../../src/app/reminders/plan-reminders.js";
import { RegulationCatalog } from "../../../src/domain/regulation/catalog.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addPerson, caseDeps, movableClock, productionYears, regulations, seedReminderSchool } from "../../support/reminder-fixtures.js";

/*
 * When the stored dates of attention are computed again: after a change of the case (the next run
 * dates that case only), after a change of a school's calendar (that school's open cases), and
 * after the installation's definitions changed (every school's).
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const clock = movableClock("2026-02-20T10:00:00+03:00");
const dates = async () =>
  Object.fromEntries(
    (await db.prisma.case.findMany({ select: { id: true, nextAttentionOn: true }, orderBy: { id: "asc" } })).map((c) => [
      c.id,
      c.nextAttentionOn,
    ]),
  );

describe("the dates of attention", () => {
  it("are stored by the run that reads a case, and only a change makes a run read it again", async () => {
    const a = await seedReminderSchool(db.prisma, "Школа А");
    const b = await seedReminderSchool(db.prisma, "Школа Б");
    const deps = caseDeps(db.prisma, clock.now);
    const opened = [];
    for (const school of [a, b]) {
      opened.push(
        await openCase(deps, {
          actor: school.teacher,
          regulationId: "absence-criterion-22",
          studentId: school.studentId,
          firstAbsenceOn: "2026-02-05",
        }),
      );
    }
    const plan = (catalog = regulations) => planReminders({ db: db.prisma, regulations: catalog, productionYears, now: clock.now });

    // Opened on Friday 20.02: step 2 is due that day, so both cases need attention from the 19th.
    expect((await plan()).attention).toBe(2);
    expect(Object.values(await dates())).toEqual(["2026-02-19", "2026-02-19"]);
    expect((await plan()).attention).toBe(0);

    // Step 2 done: the case is reset at once, and the next run dates it by step 3's window.
    await completeStep(deps, { actor: a.teacher, caseId: opened[0]!.state.id, stepId: "informDeputy", form: "phone" });
    expect((await dates())[Number(opened[0]!.state.id)]).toBeNull();
    const run = await plan();
    expect(run.attention).toBe(1);
    expect((await dates())[Number(opened[0]!.state.id)]).not.toBeNull();

    // A vacation in school Б: the request only counts the change; the next run redates its case.
    const admin = await addPerson(db.prisma, b.schoolId, "Орлова Нина Павловна", ["admin"]);
    await addVacation(deps, { actor: admin, from: "2026-02-24", to: "2026-02-27" });
    expect((await dates())[Number(opened[1]!.state.id)]).toBe("2026-02-19");
    expect((await plan()).attention).toBe(1);

    // Edited definitions (another catalog, another fingerprint): every school's cases again.
    const edited = new RegulationCatalog(
      regulations.list().map((r) => (r.id === "absence-criterion-22" ? { ...r, shortTitle: { ru: "Пропуски", en: "Absences" } } : r)),
    );
    expect((await plan(edited)).attention).toBe(2);
    expect((await plan(edited)).attention).toBe(0);
  });
});
