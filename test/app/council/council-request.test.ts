import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../../support/case-fixtures.js";
import { requestCouncil } from "../../../src/app/council/request-council.js";
import { agreeCouncil, answerCouncilConsent } from "../../../src/app/council/answer-council.js";
import { AppError } from "../../../src/app/app-error.js";

let db: TestDatabase;
const clock = movableClock("2026-11-18");
let world: CaseWorld;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await seedCaseWorld(db.prisma, { telegramBase: 9700, now: clock.now });
});
afterAll(async () => {
  await db.destroy();
});

const slots = [new Date("2026-11-20T12:00:00Z"), new Date("2026-11-23T12:00:00Z")];

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "accepted";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("section IV: council requests and the class teacher's consent", () => {
  it("the class teacher's own request needs no consent; the deputy agrees one of the slots", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const request = await requestCouncil(deps, {
      actor: world.teacher,
      studentId: world.studentIds[0]!,
      reason: "пропуски и конфликты",
      form: "consilium",
      slots,
    });
    expect(request).toMatchObject({ teacherConsent: "given", status: "proposed", slots: slots.map((s) => s.toISOString()) });
    const agreed = await agreeCouncil(deps, { actor: world.deputy, requestId: request.id, at: slots[1]! });
    expect(agreed).toMatchObject({ status: "agreed", agreedForm: "consilium", agreedAt: slots[1] });
    expect(await refusal(() => agreeCouncil(deps, { actor: world.deputy, requestId: request.id, at: slots[0]! }))).toBe("conflict");
  });

  it("a deputy's request waits for the class teacher; nothing is scheduled until then, and a refusal is recorded", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const request = await requestCouncil(deps, {
      actor: world.deputy,
      studentId: world.studentIds[1]!,
      reason: "нарушения правил",
      form: "preventionBoard",
      slots,
    });
    expect(request.teacherConsent).toBe("pending");
    expect(await refusal(() => agreeCouncil(deps, { actor: world.deputy, requestId: request.id, at: slots[0]! }))).toBe("forbidden");
    const other = await world.addPerson(9709, "Орлова Нина Петровна", ["teacher"]);
    expect(await refusal(() => answerCouncilConsent(deps, { actor: other, requestId: request.id, agree: true }))).toBe("forbidden");
    const refused = await answerCouncilConsent(deps, { actor: world.teacher, requestId: request.id, agree: false });
    expect(refused).toMatchObject({ teacherConsent: "refused", status: "refused" });
    expect(await refusal(() => agreeCouncil(deps, { actor: world.deputy, requestId: request.id, at: slots[0]! }))).toBe("forbidden");
    const audit = await db.prisma.auditEvent.findMany({ where: { subject: `council:${request.id}` }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["council.requested", "access.denied", "council.consentRefused"]);
  });

  it("once the class teacher agrees, the deputy can fix the time", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const request = await requestCouncil(deps, {
      actor: world.deputy,
      studentId: world.studentIds[1]!,
      reason: "нарушения правил",
      form: "smallCouncil",
      slots,
    });
    await answerCouncilConsent(deps, { actor: world.teacher, requestId: request.id, agree: true });
    const other = new Date("2026-11-24T11:00:00Z");
    expect(await agreeCouncil(deps, { actor: world.deputy, requestId: request.id, at: other })).toMatchObject({
      status: "agreed",
      agreedAt: other,
    });
  });

  it("a teacher cannot ask about another class's student", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const other = await world.addPerson(9708, "Белова Ирина Юрьевна", ["teacher"]);
    expect(
      await refusal(() => requestCouncil(deps, { actor: other, studentId: world.studentIds[0]!, reason: "x", form: "consilium", slots })),
    ).toBe("forbidden");
  });
});
