import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufferIo } from "../../src/cli/command.js";
import { runCli } from "../../src/cli/main.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";

let db: TestDatabase;
let world: CaseWorld;
const clock = movableClock("2026-11-16");

beforeAll(async () => {
  db = await createTestDatabase();
  world = await seedCaseWorld(db.prisma, { telegramBase: 9900, now: clock.now });
  await world.openCase({ openedOn: "2026-11-16" });
});
afterAll(async () => {
  await db.destroy();
});

async function run(argv: string[]) {
  const io = bufferIo({ now: new Date("2026-11-20T09:00:00Z") });
  const code = await runCli([...argv, "--database-url", db.url], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("export", () => {
  it("prints a school's audit trail as CSV and records the export", async () => {
    const result = await run(["export", "audit", "--school", String(world.schoolId), "--from", "2026-11-01", "--to", "2026-11-30"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.join("\n").split(/\r?\n/);
    expect(lines[0]).toBe("id,at,actor_user_id,action,subject,detail");
    expect(lines.some((l) => l.includes(",case.opened,"))).toBe(true);
    expect(lines.some((l) => l.includes(",audit.exported,"))).toBe(true);
    expect(await db.prisma.auditEvent.count({ where: { action: "audit.exported", schoolId: world.schoolId, actorId: null } })).toBe(1);
  });

  it("prints everything about one student and records the export", async () => {
    await db.prisma.studentParent.create({
      data: {
        schoolId: world.schoolId,
        studentId: world.studentIds[0]!,
        fullName: "Иванова Мария Петровна",
        relation: "mother",
        phone: "+79161234567",
      },
    });
    // What the case holds about the family and the work: a meeting the mother missed, a measure with its person and result.
    const caseRow = await db.prisma.case.findFirstOrThrow({ where: { studentId: world.studentIds[0]! } });
    await db.prisma.parentMeeting.create({
      data: {
        schoolId: world.schoolId,
        caseId: caseRow.id,
        parentName: "Иванова Мария Петровна",
        relation: "mother",
        invitedVia: "phone",
        invitedOn: "2026-11-17",
        meetingOn: "2026-11-18",
        attended: false,
        invitedBy: world.teacher.memberId,
      },
    });
    await db.prisma.caseMeasure.create({
      data: {
        schoolId: world.schoolId,
        caseId: caseRow.id,
        on: "2026-11-17",
        withWhom: "parents",
        person: "Иванова М. П., мать",
        what: "беседа",
        result: "обещала приводить в школу",
        memberId: world.teacher.memberId,
      },
    });
    const result = await run(["export", "student", "--school", String(world.schoolId), "--student", String(world.studentIds[0])]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout.join("\n"));
    expect(document.student).toMatchObject({ fullName: "Иванов Пётр Сергеевич", class: "7Б", characteristic: null });
    expect(document.student.parents).toEqual([{ fullName: "Иванова Мария Петровна", relation: "mother", phone: "+79161234567" }]);
    expect(document.cases).toHaveLength(1);
    expect(document.cases[0].parentMeetings).toEqual([
      {
        parentName: "Иванова Мария Петровна",
        relation: "mother",
        invitedVia: "phone",
        invitedOn: "2026-11-17",
        meetingOn: "2026-11-18",
        attended: false,
      },
    ]);
    expect(document.cases[0].measures).toEqual([
      {
        on: "2026-11-17",
        withWhom: "parents",
        person: "Иванова М. П., мать",
        what: "беседа",
        form: null,
        result: "обещала приводить в школу",
      },
    ]);
    expect(document.cases[0]).toHaveProperty("registeredOn");
    expect(await db.prisma.auditEvent.count({ where: { action: "student.exported", subject: `student:${world.studentIds[0]}` } })).toBe(1);
  });

  it("prints a whole school's data, only that school's, and records the export", async () => {
    const other = await seedCaseWorld(db.prisma, { telegramBase: 9970, now: clock.now });
    await other.openCase({ openedOn: "2026-11-16" });
    const result = await run(["export", "school", "--school", String(world.schoolId)]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout.join("\n"));
    expect(document.school).toMatchObject({ id: world.schoolId, timezone: "Europe/Moscow" });
    const students = document.classes.flatMap((c: { students: { fullName: string }[] }) => c.students.map((s) => s.fullName));
    expect(students).toContain("Иванов Пётр Сергеевич");
    const parents = document.classes.flatMap((c: { students: { parents: { fullName: string }[] }[] }) =>
      c.students.flatMap((s) => s.parents.map((p) => p.fullName)),
    );
    expect(parents).toEqual(["Иванова Мария Петровна"]);
    expect(document.cases.length).toBeGreaterThan(0);
    expect(document.cases.every((c: { id: number }) => c.id !== undefined)).toBe(true);
    const otherCaseIds = (await db.prisma.case.findMany({ where: { schoolId: other.schoolId }, select: { id: true } })).map((c) => c.id);
    expect(otherCaseIds).toHaveLength(1);
    expect(document.cases.some((c: { id: number }) => otherCaseIds.includes(c.id))).toBe(false);
    expect(document.people.flatMap((p: { roles: string[] }) => p.roles)).toContain("teacher");
    expect(await db.prisma.auditEvent.count({ where: { action: "school.exported", subject: `school:${world.schoolId}` } })).toBe(1);
    expect((await run(["export", "school", "--school", "999999"])).stderr).toEqual(["error: no school 999999"]);
  });

  it("refuses another school's student and bad arguments", async () => {
    const other = await seedCaseWorld(db.prisma, { telegramBase: 9950, now: clock.now });
    expect(await run(["export", "student", "--school", String(other.schoolId), "--student", String(world.studentIds[0])])).toMatchObject({
      code: 1,
    });
    expect((await run(["export", "audit", "--school", String(world.schoolId), "--from", "2026-11-30", "--to", "2026-11-01"])).code).toBe(2);
    expect((await run(["export", "audit", "--school", "999999", "--from", "2026-11-01", "--to", "2026-11-30"])).stderr).toEqual([
      "error: no school 999999",
    ]);
  });
});
