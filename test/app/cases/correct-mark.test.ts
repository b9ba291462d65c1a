import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { correctMark } from "../../../src/app/cases/correct-mark.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { recordOccurrence } from "../../../src/app/cases/record-occurrence.js";
import { addPlanMeasure } from "../../../src/app/plans/add-plan-measure.js";
import { testSender } from "../../support/reminder-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { caseDeps, refusal, seedSchool, testClock, type SchoolFixture } from "./fixtures.js";

/*
 * Undoing or correcting a step's last mark: the case changes, nothing earlier is deleted (events,
 * audit), the correction is an event and an audit row of its own, and the deputy who was told of
 * the mark is told of the correction, in words.
 */

let database: TestDatabase;
let school: SchoolFixture;
let caseId: string;
const clock = testClock("2026-03-02T07:00:00Z");
const deps = () => caseDeps(database.prisma, clock.now);

beforeAll(async () => {
  database = await createTestDatabase();
  school = await seedSchool(database.prisma, "Школа");
  caseId = (await openCase(deps(), { actor: school.teacher, regulationId: "absence-criterion-22", studentId: school.studentId })).state.id;
});
afterAll(() => database.destroy());

async function deliveredToDeputy(): Promise<string[]> {
  const { sender, telegram } = testSender(database.prisma, clock.now);
  await sender.drain();
  return telegram.messagesTo(school.deputy.telegramId).map((c) => String(c.payload.text));
}

async function events(): Promise<string[]> {
  const rows = await database.prisma.caseEvent.findMany({ where: { caseId: Number(caseId) }, orderBy: { id: "asc" } });
  return rows.map((r) => `${r.type}:${r.stepId ?? ""}`);
}

describe("correcting a mark", () => {
  it("undoes step 2: the step is open again, the events and audit rows stay, the deputy hears of it", async () => {
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "informDeputy", form: "phone" });
    await deliveredToDeputy();

    const change = await correctMark(deps(), { actor: school.teacher, caseId, stepId: "informDeputy" });
    expect(change.state.steps.informDeputy).toEqual({ state: "open", occurrences: [] });
    expect(await events()).toEqual([
      "caseOpened:",
      "stepCompleted:receiveNotice",
      "stepCompleted:informDeputy",
      "markCorrected:informDeputy",
    ]);
    const corrected = await database.prisma.caseEvent.findFirstOrThrow({ where: { caseId: Number(caseId), type: "markCorrected" } });
    expect(JSON.parse(corrected.data)).toEqual({ undone: "completion", on: "2026-03-02", form: "phone" });
    const audit = await database.prisma.auditEvent.findMany({ where: { subject: `case:${caseId}` }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["case.opened", "case.stepCompleted", "case.markCorrected"]);

    expect(await deliveredToDeputy()).toEqual([
      [
        "✏️ Иванов П., 7Б: исправлена отметка шага 2 «Сообщить заместителю»",
        "Было: выполнено, 02.03.2026 (телефон)",
        "Теперь: отметка отменена, шаг снова открыт",
        "Регламент: Пропуски более 10 учебных дней (критерий №22)",
        "Основание: более 10 учебных дней без уважительной причины (критерий №22), уведомление от 02.03.2026",
        "Классный руководитель: Учитель Школа",
      ].join("\n"),
    ]);
  });

  it("corrects step 3 from «подтверждён» to «не подтверждён» in one change: urgent, both answers named, the flag withdrawn", async () => {
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "informDeputy", form: "phone" });
    clock.set("2026-03-05T08:00:00Z");
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "trackStatus", answer: "confirmed" });
    await deliveredToDeputy();

    const change = await correctMark(deps(), { actor: school.teacher, caseId, stepId: "trackStatus", mark: { answer: "notConfirmed" } });
    expect(change.state.flags).toEqual([]);
    expect(change.state.steps.trackStatus).toMatchObject({ state: "done", answer: "notConfirmed", completedOn: "2026-03-05" });
    const rows = await database.prisma.notification.findMany({ where: { kind: "notice", status: "pending" } });
    expect(rows.map((r) => [r.userId, r.urgent])).toEqual([[school.deputy.userId, true]]);
    expect(await deliveredToDeputy()).toEqual([
      [
        "✏️ Иванов П., 7Б: исправлена отметка шага 3 «Статус семейного неблагополучия»",
        "Было: «подтверждён», 05.03.2026",
        "Теперь: «не подтверждён», 05.03.2026",
        "Регламент: Пропуски более 10 учебных дней (критерий №22)",
        "Основание: более 10 учебных дней без уважительной причины (критерий №22), уведомление от 02.03.2026",
        "Классный руководитель: Учитель Школа",
      ].join("\n"),
    ]);
    expect((await events()).slice(-3)).toEqual(["caseFlagged:trackStatus", "markCorrected:trackStatus", "stepCompleted:trackStatus"]);
  });

  it("refuses step 3 once step 4, which counts from it, is marked; and the others' presses", async () => {
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "meetParents", form: "personalMeeting" });
    expect(await refusal(() => correctMark(deps(), { actor: school.teacher, caseId, stepId: "trackStatus" }))).toBe("laterStepMarked");
    expect(await refusal(() => correctMark(deps(), { actor: school.otherTeacher, caseId, stepId: "meetParents" }))).toBe("forbidden");
    expect(await refusal(() => correctMark(deps(), { actor: school.deputy, caseId, stepId: "meetParents" }))).toBe("forbidden");
    expect(await refusal(() => correctMark(deps(), { actor: school.teacher, caseId, stepId: "receiveNotice" }))).toBe("nothingToUndo");
    expect(await refusal(() => correctMark(deps(), { actor: school.teacher, caseId: "999999", stepId: "meetParents" }))).toBe("notFound");
    const denied = await database.prisma.auditEvent.count({ where: { subject: `case:${caseId}`, action: "access.denied" } });
    expect(denied).toBe(2);
    await deliveredToDeputy();
  });

  it("takes back a weekly contact without a notice (the deputy is not told of contacts)", async () => {
    await addPlanMeasure(deps(), { actor: school.teacher, caseId, what: "Ежедневный контроль посещаемости", who: "классный руководитель" });
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "developPlan", note: "план согласован" });
    await deliveredToDeputy();
    await recordOccurrence(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch", form: "phone" });
    const change = await correctMark(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch" });
    expect(change.state.steps.keepInTouch!.occurrences).toEqual([]);
    expect(await deliveredToDeputy()).toEqual([]);
  });

  it("refuses a closed case", async () => {
    await closeCase(deps(), { actor: school.teacher, caseId, reason: "returned", gapReason: "ученик вернулся" });
    expect(await refusal(() => correctMark(deps(), { actor: school.teacher, caseId, stepId: "developPlan" }))).toBe("caseClosed");
  });
});
