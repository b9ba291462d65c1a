import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../../support/case-fixtures.js";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { sweepRetention } from "../../../src/app/admin/retention-sweep.js";
import { eraseStudent } from "../../../src/app/admin/erase-student.js";
import { takeNoteWarning } from "../../../src/app/admin/note-warning.js";

let db: TestDatabase;
const clock = movableClock("2023-05-15");
let world: CaseWorld;
let oldClosed: number;
let recentClosed: number;
let open: number;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await seedCaseWorld(db.prisma, {
    telegramBase: 9600,
    now: clock.now,
    students: ["Иванов Пётр Сергеевич", "Смирнова Анна Олеговна", "Орлов Глеб Ильич"],
  });
  const deps = fixtureDeps(db.prisma, clock.now);
  oldClosed = await world.openCase({ studentId: world.studentIds[0], openedOn: "2023-05-15" });
  await closeCase(deps, { actor: world.teacher, caseId: String(oldClosed), reason: "resolved", on: "2023-05-15" } as never);
  await db.prisma.planMeasure.create({ data: { schoolId: world.schoolId, caseId: oldClosed, what: "Посещение семьи", who: "Петрова" } });
  await db.prisma.caseAttachment.create({ data: { schoolId: world.schoolId, caseId: oldClosed, kind: "plan", telegramFile: "file-1" } });
  clock.set("2025-09-01");
  recentClosed = await world.openCase({ studentId: world.studentIds[1], openedOn: "2025-09-01" });
  await closeCase(deps, { actor: world.teacher, caseId: String(recentClosed), reason: "resolved", on: "2025-09-01" } as never);
  open = await world.openCase({ studentId: world.studentIds[2], openedOn: "2025-09-01" });
});
afterAll(async () => {
  await db.destroy();
});

describe("the retention sweep", () => {
  it("erases closed cases older than three years after closing, and nothing else", async () => {
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: oldClosed } })).toMatchObject({
      status: "closed",
      closedOn: "2023-05-15",
    });
    clock.set("2026-05-15");
    expect(await sweepRetention(fixtureDeps(db.prisma, clock.now), { timezone: "Europe/Moscow" })).toEqual({ erased: 0, students: 0 });
    clock.set("2026-05-16");
    expect(await sweepRetention(fixtureDeps(db.prisma, clock.now), { timezone: "Europe/Moscow" })).toEqual({ erased: 1, students: 0 });
    expect(await db.prisma.case.findMany({ select: { id: true }, orderBy: { id: "asc" } })).toEqual([{ id: recentClosed }, { id: open }]);
    expect(await db.prisma.caseEvent.count({ where: { caseId: oldClosed } })).toBe(0);
    expect(await db.prisma.planMeasure.count({ where: { caseId: oldClosed } })).toBe(0);
    expect(await db.prisma.caseAttachment.count({ where: { caseId: oldClosed } })).toBe(0);
    expect(await db.prisma.student.count({ where: { schoolId: world.schoolId } })).toBe(3);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "case.erasedByRetention" } });
    expect(audit).toMatchObject({ subject: `case:${oldClosed}`, detail: '{"years":3}' });
    // Idempotent: a second run finds nothing more.
    expect(await sweepRetention(fixtureDeps(db.prisma, clock.now), { timezone: "Europe/Moscow" })).toEqual({ erased: 0, students: 0 });
  });
});

describe("erasing a student on request", () => {
  it("removes the student with their cases; other students stay; the audit keeps ids only", async () => {
    const admin = await world.addPerson(9605, "Админова Анна", ["admin"]);
    // What the interaction regulation keeps about the child, in tables without cascades.
    const studentId = world.studentIds[2]!;
    const schoolId = world.schoolId;
    await db.prisma.caseMeasure.create({
      data: { schoolId, caseId: open, on: "2026-11-16", withWhom: "parents", what: "беседа", memberId: 1 },
    });
    await db.prisma.councilRequest.create({
      data: { schoolId, studentId, caseId: open, requestedBy: 1, reason: "пропуски", proposedForm: "consilium" },
    });
    const meeting = await db.prisma.meeting.create({
      data: { schoolId, kind: "parents", caseId: open, startsAt: new Date("2026-11-25T12:30:00Z"), organizerMemberId: 1 },
    });
    await db.prisma.meetingInvitee.create({ data: { schoolId, meetingId: meeting.id, memberId: 1 } });
    const sos = await db.prisma.sosAlert.create({ data: { schoolId, teacherMemberId: 1, studentId, kind: "injury", text: "упал" } });
    const result = await eraseStudent(fixtureDeps(db.prisma, clock.now), { actor: admin, studentId: world.studentIds[2]! });
    expect(result).toEqual({ erasedCases: 1 });
    expect(await db.prisma.student.count({ where: { id: world.studentIds[2] } })).toBe(0);
    expect(await db.prisma.case.count({ where: { id: open } })).toBe(0);
    expect(await db.prisma.case.count({ where: { id: recentClosed } })).toBe(1);
    expect(await db.prisma.caseMeasure.count({ where: { caseId: open } })).toBe(0);
    expect(await db.prisma.councilRequest.count({ where: { studentId } })).toBe(0);
    expect(await db.prisma.meeting.count({ where: { id: meeting.id } })).toBe(0);
    expect(await db.prisma.meetingInvitee.count({ where: { meetingId: meeting.id } })).toBe(0);
    expect(await db.prisma.sosAlert.findUniqueOrThrow({ where: { id: sos.id } })).toMatchObject({ studentId: null });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "student.erased" } });
    expect(audit.detail).toBe(JSON.stringify({ cases: String(open) }));
  });

  it("is refused to a teacher", async () => {
    await expect(
      eraseStudent(fixtureDeps(db.prisma, clock.now), { actor: world.teacher, studentId: world.studentIds[1]! }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.prisma.student.count({ where: { id: world.studentIds[1] } })).toBe(1);
  });
});

describe("the note warning", () => {
  it("is due once per person", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    expect(await takeNoteWarning(deps, world.teacher)).toBe(true);
    expect(await takeNoteWarning(deps, world.teacher)).toBe(false);
    expect(await takeNoteWarning(deps, world.deputy)).toBe(true);
  });
});
