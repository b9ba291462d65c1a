import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { fixtureDeps, movableClock, seedCaseWorld } from "../../support/case-fixtures.js";
import { ensureClassCase, listAnnualTasks, schoolYearStart } from "../../../src/app/annual/annual-tasks.js";
import { postEvent } from "../../../src/app/annual/post-event.js";
import { answerEvent } from "../../../src/app/annual/answer-event.js";
import { listEvents } from "../../../src/app/annual/list-events.js";
import { AppError } from "../../../src/app/app-error.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

describe("schoolYearStart", () => {
  it.each([
    ["2026-09-01", "2026-09-01"],
    ["2026-12-31", "2026-09-01"],
    ["2027-05-31", "2026-09-01"],
    ["2027-08-31", "2026-09-01"],
  ])("%s → %s", (today, start) => {
    expect(schoolYearStart(today)).toBe(start);
  });
});

describe("annual tasks and events (use cases)", () => {
  const clock = movableClock("2027-03-10");

  it("one class case per class and school year; a new year gets its own", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9950, now: clock.now });
    const deps = fixtureDeps(db.prisma, clock.now);
    const first = await ensureClassCase(deps, world.teacher, world.classId);
    expect(await ensureClassCase(deps, world.teacher, world.classId)).toBe(first);
    const [tasks] = await listAnnualTasks(deps, { actor: world.teacher });
    // Opened on 01.09.2026: the plan was due 15.09.2026 (overdue now), the analysis 31.05.2027.
    expect(tasks!.tasks.map((t) => [t.stepId, t.dueOn, t.status])).toEqual([
      ["presentPlan", "2026-09-15", "overdue"],
      ["presentAnalysis", "2027-05-31", "pending"],
    ]);
    clock.set("2027-09-02");
    const next = await ensureClassCase(deps, world.teacher, world.classId);
    expect(next).not.toBe(first);
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: next } })).openedOn).toBe("2027-09-01");
    clock.set("2027-03-10");
  });

  it("only deputies post events; only the class's teacher answers", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9960, now: clock.now });
    const deps = fixtureDeps(db.prisma, clock.now);
    await expect(
      postEvent(deps, { actor: world.teacher, title: "Субботник", details: "", classIds: [world.classId] }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const posted = await postEvent(deps, {
      actor: world.deputy,
      title: "Субботник",
      details: "",
      answerBy: "2027-03-15",
      classIds: [world.classId, 999999],
    });
    expect(posted.recipients.map((r) => r.memberId)).toEqual([world.teacher.memberId]);
    const row = posted.recipients[0]!.eventClassId;
    await expect(answerEvent(deps, { actor: world.deputy, eventClassId: row })).rejects.toBeInstanceOf(AppError);
    const other = await seedCaseWorld(db.prisma, { telegramBase: 9970, now: clock.now });
    await expect(answerEvent(deps, { actor: other.teacher, eventClassId: row })).rejects.toMatchObject({ code: "notFound" });
    await answerEvent(deps, { actor: world.teacher, eventClassId: row, participants: "весь класс" });
    const [event] = await listEvents(deps, { actor: world.deputy });
    expect(event!.classes.map((c) => [c.label, c.answer, c.declined])).toEqual([["7Б", "весь класс", false]]);
    await expect(listEvents(deps, { actor: world.teacher })).rejects.toMatchObject({ code: "forbidden" });
  });
});
