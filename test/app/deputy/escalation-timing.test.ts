import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../../../src/app/cases/open-case.js";
import { planReminders } from "../../../src/app/reminders/plan-reminders.js";
import { addDays } from "../../../src/domain/dates.js";
import type { NotificationKind } from "../../../src/domain/reminders/notification.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import {
  caseDeps,
  movableClock,
  productionYears,
  regulations,
  seedReminderSchool,
  type ReminderSchool,
} from "../../support/reminder-fixtures.js";

/*
 * The escalation ladder with a simulated clock: a step late by more than 1 school day goes to the
 * deputy once, 3 more school days later to the director, and the teacher is told each time —
 * counted in school days across a weekend and a holiday.
 */

let db: TestDatabase;
let school: ReminderSchool;
const clock = movableClock("2025-10-31T10:00:00+03:00");

beforeAll(async () => {
  db = await createTestDatabase();
  school = await seedReminderSchool(db.prisma);
  // The director step is the school's choice (off by default); this school turned it on.
  await db.prisma.school.update({ where: { id: school.schoolId }, data: { escalateToDirector: true } });
});
afterAll(async () => {
  await db.destroy();
});

/** Runs the planner (step 2, «информирует заместителя», is the late one) at 10:00 and 15:00 each day from `from` to `to`; returns the first date each kind appeared for the case. */
async function runDays(caseId: string, from: string, to: string): Promise<Record<string, { date: string; rows: number }>> {
  const first: Record<string, { date: string; rows: number }> = {};
  for (let day = from; day <= to; day = addDays(day, 1)) {
    for (const hour of ["10", "15"]) {
      clock.set(`${day}T${hour}:00:00+03:00`);
      await planReminders({ db: db.prisma, regulations, productionYears, now: clock.now });
    }
    const rows = await db.prisma.notification.findMany({
      where: { key: { contains: `:${caseId}:informDeputy:` } },
      select: { kind: true },
    });
    for (const kind of ["escalationDeputy", "escalationDirector", "toldDeputy", "toldDirector"]) {
      const count = rows.filter((r) => r.kind === kind).length;
      if (count > 0 && !first[kind]) first[kind] = { date: day, rows: count };
    }
  }
  return first;
}

async function openLate(openedOn: string): Promise<string> {
  clock.set(`${openedOn}T10:00:00+03:00`);
  const deps = caseDeps(db.prisma, clock.now);
  const opened = await openCase(deps, {
    actor: school.teacher,
    regulationId: "absence-criterion-22",
    studentId: school.studentId,
    openedOn,
  });
  return opened.state.id;
}

async function rowsOf(caseId: string, kind: NotificationKind) {
  return db.prisma.notification.findMany({
    where: { kind, key: { contains: `:${caseId}:informDeputy:` } },
    select: { userId: true, key: true },
  });
}

describe("escalation timing in school days", () => {
  it("around 04.11.2025: Fri 31.10 due → working Sat 01.11, holidays 03–04.11 → deputy Wed 05.11, director Mon 10.11", async () => {
    const caseId = await openLate("2025-10-31");
    const first = await runDays(caseId, "2025-10-31", "2025-11-12");
    expect(first.escalationDeputy?.date).toBe("2025-11-05");
    expect(first.toldDeputy?.date).toBe("2025-11-05");
    expect(first.escalationDirector?.date).toBe("2025-11-10");
    expect(first.toldDirector?.date).toBe("2025-11-10");
    // Once each, to the right people, however many runs there were.
    expect((await rowsOf(caseId, "escalationDeputy")).map((r) => r.userId)).toEqual([school.deputy.userId]);
    expect((await rowsOf(caseId, "escalationDirector")).map((r) => r.userId)).toEqual([school.director.userId]);
    await db.prisma.case.update({
      where: { id: Number(caseId) },
      data: { status: "closed", closedOn: "2025-11-12", closeReason: "other" },
    });
  });

  it("around 23.02.2026: Fri 20.02 due → weekend, Mon 23.02 holiday → deputy Wed 25.02, director Mon 02.03", async () => {
    const caseId = await openLate("2026-02-20");
    const first = await runDays(caseId, "2026-02-20", "2026-03-03");
    expect(first.escalationDeputy?.date).toBe("2026-02-25");
    expect(first.escalationDirector?.date).toBe("2026-03-02");
    expect(first.toldDeputy?.date).toBe("2026-02-25");
    expect(first.toldDirector?.date).toBe("2026-03-02");
    expect(await rowsOf(caseId, "escalationDeputy")).toHaveLength(1);
    expect(await rowsOf(caseId, "escalationDirector")).toHaveLength(1);
  });
});
