import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { completeStep } from "../../src/app/cases/complete-step.js";
import { recordOccurrence } from "../../src/app/cases/record-occurrence.js";
import { addPlanMeasure } from "../../src/app/plans/add-plan-measure.js";

/*
 * A case closed while a weekly step that had started was never recorded: the teacher is asked
 * why, the reason is stored, and the chronology and the deputy's notice show it.
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

function toast(calls: ApiCall[]): string | undefined {
  return calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
}

function edited(calls: ApiCall[]): string {
  return String(calls.filter((c) => c.method === "editMessageText").at(-1)?.payload.text ?? "");
}

describe("closing an absence case whose weekly plan check was never recorded", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let caseId: number;
  let teacher: ChatUser;
  let h: ReturnType<typeof createHarness>;

  /** Steps 1–5 done on the opening day (step 1 by the opening itself) (the plan has a measure); step 7 recorded once, step 6 never. */
  async function caseAtWeeklySteps(): Promise<number> {
    const id = await world.openCase({ openedOn: "2026-11-16" });
    const deps = fixtureDeps(db.prisma, clock.now);
    const caseId = String(id);
    for (const stepId of ["informDeputy", "meetParents"]) await completeStep(deps, { actor: world.teacher, caseId, stepId });
    await completeStep(deps, { actor: world.teacher, caseId, stepId: "trackStatus", answer: "notConfirmed" });
    await addPlanMeasure(deps, { actor: world.teacher, caseId, what: "Ежедневный контроль посещаемости", who: "классный руководитель" });
    await completeStep(deps, { actor: world.teacher, caseId, stepId: "developPlan" });
    await recordOccurrence(deps, { actor: world.teacher, caseId, stepId: "keepInTouch", form: "phone" });
    return id;
  }

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9700, now: clock.now });
    caseId = await caseAtWeeklySteps();
    h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 9700, first_name: "Ольга", language_code: "ru" });
    clock.set("2026-11-20");
  });

  it("asks why step 6 has no mark, re-asks a reason too long, and confirms with the reason shown", async () => {
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("Закрыть случай");
    const asked = await teacher.press("ученик вернулся к занятиям");
    expect(textsOf(asked)).toEqual([
      "Без единой отметки: 6 «Контроль ИПР».\nПочему отметок нет? Напишите коротко, до 200 символов — причина попадёт в хронологию и в сообщение заместителю директора.",
    ]);
    expect(textsOf(await teacher.send("я".repeat(201)))).toEqual(["Слишком длинно: не больше 200 символов."]);
    const confirm = await teacher.send("  Ученик вернулся   через два дня после ИПР ");
    expect(textsOf(confirm)).toEqual([
      "Закрыть случай (Иванов П., 7Б) по причине «ученик вернулся к занятиям»? После закрытия его можно будет только просматривать.\nБез отметок: 6 «Контроль ИПР» — «Ученик вернулся через два дня после ИПР»",
    ]);
    const closed = textsOf(await teacher.press("Да, закрыть"));
    expect(closed[0]).toBe("Случай закрыт.");
    expect(closed[1]).toContain("🔒 Закрыт 20.11.2026: ученик вернулся к занятиям");

    const row = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.status).toBe("closed");
    const steps = JSON.parse(row.steps);
    expect(steps.implementPlan).toMatchObject({ state: "open", occurrences: [], gapReason: "Ученик вернулся через два дня после ИПР" });
    expect(steps.keepInTouch).not.toHaveProperty("gapReason");
    const event = await db.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: "caseClosed" } });
    expect(JSON.parse(event.data)).toEqual({
      reason: "returnedToSchool",
      gapSteps: "implementPlan",
      gapReason: "Ученик вернулся через два дня после ИПР",
    });
  });

  it("shows the reason on the chronology", async () => {
    const lines = edited(await teacher.press("🕓 Хронология")).split("\n");
    expect(lines.at(-1)).toBe(
      "20.11.2026 · Петрова Ольга Ивановна — случай закрыт: ученик вернулся к занятиям — шаг 6 ни разу не отмечен: «Ученик вернулся через два дня после ИПР»",
    );
  });

  it("tells the deputy which weekly step was never recorded and why", async () => {
    await h.deliver();
    const told = textsOf(h.telegram.messagesTo(9701)).at(-1)!;
    expect(told.split("\n").slice(0, 4)).toEqual([
      "✅ Иванов П., 7Б: случай закрыт",
      "Причина: ученик вернулся к занятиям",
      "Без единой отметки: 6 «Контроль ИПР»",
      "Почему: Ученик вернулся через два дня после ИПР",
    ]);
  });

  it("refuses a confirmation press that skips the question (an old message); nothing changes", async () => {
    const other = await caseAtWeeklySteps();
    const before = await db.prisma.case.findUniqueOrThrow({ where: { id: other } });
    const pressed = await teacher.pressData(`cc:xy:${other}:0`);
    expect(toast(pressed)).toBe("Еженедельный шаг ни разу не отмечен. Чтобы закрыть случай, нажмите «Закрыть случай» и напишите почему.");
    const after = await db.prisma.case.findUniqueOrThrow({ where: { id: other } });
    expect(after.revision).toBe(before.revision);
    expect(after.status).toBe("open");
  });
});
