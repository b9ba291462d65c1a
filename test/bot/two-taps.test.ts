import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { fixtureRegulations, fixtureYears, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * The absence case from opening to closing as a teacher's thumb does it: every step is at most
 * two presses from the card (or the digest), and the card stays under a phone screen.
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const CARD_MAX = 900;

function toast(calls: ApiCall[]): string | undefined {
  return calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
}

function cardOf(calls: ApiCall[]): string {
  const shown = calls.filter((c) => ["editMessageText", "sendMessage"].includes(c.method)).at(-1);
  return String(shown?.payload.text ?? "");
}

async function stepsOf(caseId: number) {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  type Step = { state: string; occurrences: string[]; form?: string; completedOn?: string };
  return JSON.parse(row.steps) as Record<
    "receiveNotice" | "informDeputy" | "trackStatus" | "meetParents" | "developPlan" | "implementPlan" | "keepInTouch",
    Step
  >;
}

/** A card a teacher can read on a phone (how a long text is cut at a word: case-card.test.ts). */
function expectCompact(card: string) {
  expect(card).toMatch(/^👤 Иванов Пётр Сергеевич, 7Б\n📘 Пропуски более 10 учебных дней \(критерий №22\)\n/);
  expect(card.length).toBeLessThanOrEqual(CARD_MAX);
}

describe("an absence case, every step in at most two taps", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let caseId: number;
  let teacher: ChatUser;
  let h: ReturnType<typeof createHarness>;
  const taps: Record<string, number> = {};

  /** A press on the card that counts towards the step's taps. */
  async function tap(step: string, button: string): Promise<ApiCall[]> {
    taps[step] = (taps[step] ?? 0) + 1;
    return teacher.press(button);
  }

  async function openCard(): Promise<string> {
    const card = cardOf(await teacher.pressData(`cc:o:${caseId}`));
    expectCompact(card);
    return card;
  }

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 12100, now: clock.now });
    caseId = await world.openCase({ openedOn: "2026-11-16", firstAbsenceOn: "2026-10-30" });
    h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 12100, first_name: "Ольга", language_code: "ru" });
  });

  it("step 1 needs no tap: it is done on the notice date", async () => {
    const card = await openCard();
    expect(card).toContain("✅ 1. Уведомление в «Классном помощнике» — 16.11");
    expect((await stepsOf(caseId)).receiveNotice).toMatchObject({ state: "done", completedOn: "2026-11-16" });
  });

  it("step 2: «✅ Выполнено: выбрать способ», then the way — two taps", async () => {
    await tap("2", "✅ Выполнено: выбрать способ");
    const done = await tap("2", "телефон");
    expectCompact(cardOf(done));
    expect((await stepsOf(caseId)).informDeputy).toMatchObject({ state: "done", form: "phone" });
  });

  it("step 3: a «📝 Заметка» completes nothing; the answer is one tap", async () => {
    clock.set("2026-11-19");
    await openCard();
    expect(textsOf(await teacher.press("📝 Заметка"))[0]).toMatch(
      /^Напишите заметку к шагу 3\. Она попадёт в хронологию случая; шаг останется как есть\./,
    );
    const noted = textsOf(await teacher.send("Звонила в центр, статус обещали к пятнице"));
    expect(noted[0]).toBe("📝 Заметка к шагу 3 сохранена.");
    expectCompact(noted[1]!);
    expect((await stepsOf(caseId)).trackStatus.state).toBe("open");

    const answered = await tap("3", "не подтверждён");
    expect(toast(answered)).toBe("Шаг 3: не подтверждён");
    expectCompact(cardOf(answered));
    expect((await stepsOf(caseId)).trackStatus).toMatchObject({ state: "done", completedOn: "2026-11-19" });
  });

  it("step 4: «✅ Выполнено» — one tap", async () => {
    clock.set("2026-11-20");
    await openCard();
    const done = await tap("4", "✅ Выполнено");
    expect(toast(done)).toBe("Шаг 4 отмечен ✅");
    expect((await stepsOf(caseId)).meetParents.state).toBe("done");
  });

  it("step 5: once the plan has a measure, «✅ Выполнено» — one tap", async () => {
    // The plan opens from the card once the parents were met; a measure is typed, not tapped.
    await teacher.press("📋 План ИПР");
    await teacher.press("➕ Добавить мероприятие");
    await teacher.send("Ежедневный контроль посещаемости");
    await teacher.press("С обучающимся");
    await teacher.send("классный руководитель");
    await teacher.press("Без срока");
    await teacher.press("Готово");
    expectCompact(cardOf(await teacher.press("← Карточка")));
    const done = await tap("5", "✅ Выполнено");
    expect(toast(done)).toBe("Шаг 5 отмечен ✅");
    expectCompact(cardOf(done));
    expect((await stepsOf(caseId)).developPlan.state).toBe("done");
  });

  it("steps 6 and 7: each weekly step has its own button on the card, whichever has the focus — one tap each", async () => {
    clock.set("2026-11-23");
    const card = await openCard();
    expect(card).toContain("▶️ Дальше — шаг 6:");
    const check = await tap("6", "✅ Контроль ИПР — сегодня");
    expect(toast(check)).toBe("Шаг 6: отмечено 23.11");
    const contact = await tap("7", "✅ Связь с семьёй — сегодня");
    expect(toast(contact)).toBe("Шаг 7: отмечено 23.11");
    expectCompact(cardOf(contact));
    const steps = await stepsOf(caseId);
    expect(steps.implementPlan.occurrences).toEqual(["2026-11-23"]);
    expect(steps.keepInTouch.occurrences).toEqual(["2026-11-23"]);
  });

  it("from the morning digest a weekly step is one tap, and the button goes once pressed", async () => {
    // A week without a contact: the digest of Monday 30.11 asks for both weekly steps.
    clock.set("2026-11-30");
    await planReminders({ db: db.prisma, regulations: fixtureRegulations, productionYears: fixtureYears, now: clock.now });
    await h.deliver();
    const digest = h.telegram.messagesTo(12100).at(-1)!;
    const labels = buttonsOf(digest).map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(["1. ✅ Контроль ИПР — сегодня", "2. ✅ Связь с семьёй — сегодня"]));
    expect(String(digest.payload.text)).toContain("Иванов П., 7Б — Связь с семьёй");
    const pressed = await tap("7 (digest)", "2. ✅ Связь с семьёй — сегодня");
    expect(toast(pressed)).toBe("Шаг 7: отмечено 30.11");
    const markup = pressed.find((c) => c.method === "editMessageReplyMarkup")!;
    expect(buttonsOf(markup).map((b) => b.text)).not.toContain("2. ✅ Связь с семьёй — сегодня");
    expect((await stepsOf(caseId)).keepInTouch.occurrences).toEqual(["2026-11-23", "2026-11-30"]);
  });

  it("counted: no step took more than two taps", () => {
    expect(taps).toEqual({ "2": 2, "3": 1, "4": 1, "5": 1, "6": 1, "7": 1, "7 (digest)": 1 });
    expect(Math.max(...Object.values(taps))).toBeLessThanOrEqual(2);
  });

  it("the chronology keeps the note as a note, not as a mark", async () => {
    const lines = cardOf(await teacher.pressData(`cc:h:${caseId}`)).split("\n");
    expect(lines).toContain("19.11.2026 · Петрова Ольга Ивановна — 📝 заметка к шагу 3 — «Звонила в центр, статус обещали к пятнице»");
    expect(lines).toContain("19.11.2026 · Петрова Ольга Ивановна — шаг 3 выполнен: не подтверждён");
  });

  it("a note on a closed case's step is refused", async () => {
    await teacher.pressData(`cc:o:${caseId}`);
    const note = await teacher.pressData(`cc:nt:${caseId}:6`);
    expect(textsOf(note)[0]).toMatch(/^Напишите заметку к шагу 7/);
    await db.prisma.case.update({ where: { id: caseId }, data: { status: "closed", closedOn: "2026-11-30", closeReason: "other" } });
    const refused = textsOf(await teacher.send("После закрытия"));
    expect(refused).toEqual(["Случай закрыт: изменить его нельзя."]);
    expect(await db.prisma.caseEvent.count({ where: { caseId, type: "comment" } })).toBe(1);
  });
});
