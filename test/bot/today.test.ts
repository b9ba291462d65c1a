import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { fixtureDeps, movableClock, seedCaseWorld } from "../support/case-fixtures.js";
import { completeStep } from "../../src/app/cases/complete-step.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

function messages(calls: ApiCall[]) {
  return calls.filter((c) => c.method === "sendMessage").map((c) => ({ text: String(c.payload.text), buttons: buttonsOf(c) }));
}

describe("/today and /cases of a teacher with two cases opened on Monday 02.11.2026", () => {
  const clock = movableClock("2026-11-02");
  let ivanov: number;
  let smirnova: number;
  let h: ReturnType<typeof createHarness>;
  let world: Awaited<ReturnType<typeof seedCaseWorld>>;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 8100, now: clock.now });
    ivanov = await world.openCase({ studentId: world.studentIds[0]! });
    smirnova = await world.openCase({ studentId: world.studentIds[1]! });
    h = createHarness({ db: db.prisma, now: clock.now });
  });

  it("on a public holiday (04.11) says so and lists the overdue steps, grouped by student, with buttons", async () => {
    clock.set("2026-11-04");
    const teacher = h.user({ id: 8100, first_name: "Ольга" });
    const sent = messages(await teacher.send("/today"));
    expect(sent.map((m) => m.text)).toEqual([
      "📅 На сегодня, 04.11 (ср)\nСегодня в школе нерабочий день.\nТребуют внимания: 2 шага.",
      ["👤 Иванов П., 7Б", "📘 Пропуски (крит. 22)", "🔴 Шаг 2: Сообщить заместителю — до 02.11 (пн), просрочено"].join("\n"),
      "👤 Смирнова А., 7Б\n📘 Пропуски (крит. 22)\n🔴 Шаг 2: Сообщить заместителю — до 02.11 (пн), просрочено",
    ]);
    // Step 1 is done on opening: it is nobody's task.
    expect(sent[1]!.buttons.map((b) => [b.text, b.callback_data])).toEqual([
      ["2: ✅ Выполнено", `cc:d:${ivanov}:1`],
      ["Открыть", `cc:o:${ivanov}`],
    ]);
    expect(sent[2]!.buttons.map((b) => b.callback_data)).toEqual([`cc:d:${smirnova}:1`, `cc:o:${smirnova}`]);
  });

  it("/cases gives one line per open case with what is next, each openable", async () => {
    const teacher = h.user({ id: 8100, first_name: "Ольга" });
    const [list] = messages(await teacher.send("/cases"));
    expect(list!.text).toBe(
      [
        "📂 Мои открытые случаи: 2 случая",
        "",
        "🔴 Иванов П., 7Б — Пропуски (крит. 22): шаг 2, до 02.11 (пн), просрочено",
        "🔴 Смирнова А., 7Б — Пропуски (крит. 22): шаг 2, до 02.11 (пн), просрочено",
      ].join("\n"),
    );
    expect(list!.buttons.map((b) => [b.text, b.callback_data])).toEqual([
      ["Иванов П., 7Б — Пропуски (крит. 22)", `cc:o:${ivanov}`],
      ["Смирнова А., 7Б — Пропуски (крит. 22)", `cc:o:${smirnova}`],
    ]);
    const opened = await teacher.press("Иванов П., 7Б — Пропуски (крит. 22)");
    expect(String(opened.find((c) => c.method === "editMessageText")?.payload.text)).toMatch(/^👤 Иванов Пётр Сергеевич, 7Б\n/);
  });

  it("on a school day (06.11) shows step 3 in its window with its answers; an answer replaces the list by the card", async () => {
    clock.set("2026-11-06");
    const deps = fixtureDeps(db.prisma, clock.now);
    await completeStep(deps, { actor: world.teacher, caseId: String(ivanov), stepId: "informDeputy", on: "2026-11-02" });
    const teacher = h.user({ id: 8100, first_name: "Ольга" });
    const sent = messages(await teacher.send("/today"));
    expect(sent[0]!.text).toBe("📅 На сегодня, 06.11 (пт)\nТребуют внимания: 3 шага.");
    expect(sent[1]!.text).toBe("👤 Иванов П., 7Б\n📘 Пропуски (крит. 22)\n🟡 Шаг 3: Статус семейного неблагополучия — с 06.11 до 10.11");
    expect(sent[1]!.buttons.map((b) => b.text)).toEqual(["3: подтверждён", "3: не подтверждён", "3: статуса ещё нет", "Открыть"]);
    expect(
      sent[2]!.text
        .split("\n")
        .slice(2)
        .map((line) => line.split(":")[0]),
    ).toEqual(["🔴 Шаг 2", "🟡 Шаг 3"]);

    const answered = await teacher.pressData(sent[1]!.buttons[1]!.callback_data);
    expect(answered.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Шаг 3: не подтверждён");
    const card = String(answered.find((c) => c.method === "editMessageText")?.payload.text);
    expect(card).toContain("✅ 3. Статус семейного неблагополучия — 06.11, не подтверждён");
    expect(card).toContain("4. Встреча с родителями — до 10.11 (вт)");
    const row = await db.prisma.case.findUniqueOrThrow({ where: { id: ivanov } });
    expect(JSON.parse(row.steps).trackStatus).toMatchObject({ state: "done", answer: "notConfirmed", completedOn: "2026-11-06" });
  });
});

describe("/today when nothing is due, and without cases", () => {
  it("says nothing is burning when every step is ahead; /cases still shows the next one", async () => {
    const clock = movableClock("2026-11-05");
    const world = await seedCaseWorld(db.prisma, { telegramBase: 8200, now: clock.now });
    const caseId = await world.openCase();
    const deps = fixtureDeps(db.prisma, clock.now);
    await completeStep(deps, { actor: world.teacher, caseId: String(caseId), stepId: "informDeputy" });
    await world.openCase({ studentId: world.studentIds[1]!, regulationId: "interaction-2-difficulty" });
    clock.set("2026-11-06");
    const h = createHarness({ db: db.prisma, now: clock.now });
    const teacher = h.user({ id: 8200, first_name: "Ольга" });
    expect(textsOf(await teacher.send("/today"))).toEqual([
      "📅 На сегодня, 06.11 (пт)\nПо вашим случаям сегодня ничего не горит 🌿 Все открытые случаи — /cases.",
    ]);
    expect(textsOf(await teacher.send("/cases"))).toEqual([
      [
        "📂 Мои открытые случаи: 2 случая",
        "",
        "⚪ Иванов П., 7Б — Пропуски (крит. 22): шаг 3, с 10.11 до 12.11",
        "⚪ Смирнова А., 7Б — Трудности в учёбе или поведении: шаг 1, по мере необходимости",
      ].join("\n"),
    ]);
  });

  it("a due-today step shows orange; a teacher with no cases is told how to open one", async () => {
    const clock = movableClock("2026-11-06");
    const world = await seedCaseWorld(db.prisma, { telegramBase: 8300, now: clock.now });
    const h = createHarness({ db: db.prisma, now: clock.now });
    const teacher = h.user({ id: 8300, first_name: "Ольга" });
    expect(textsOf(await teacher.send("/today"))).toEqual([
      "📅 На сегодня, 06.11 (пт)\nУ вас нет открытых случаев. Открыть случай — /new.",
    ]);
    expect(textsOf(await teacher.send("/cases"))).toEqual(["У вас нет открытых случаев. Открыть случай — /new."]);
    await world.openCase();
    const sent = textsOf(await teacher.send("/today"));
    expect(sent[1]).toContain("🟠 Шаг 2: Сообщить заместителю — до 06.11 (пт), сегодня");
  });

  it("speaks English to an English-speaking teacher", async () => {
    const clock = movableClock("2026-11-02");
    const world = await seedCaseWorld(db.prisma, { telegramBase: 8400, now: clock.now, language: "en" });
    await world.openCase();
    clock.set("2026-11-04");
    const h = createHarness({ db: db.prisma, now: clock.now });
    const teacher = h.user({ id: 8400, first_name: "Kate", language_code: "en" });
    const sent = messages(await teacher.send("/today"));
    expect(sent[0]!.text).toBe("📅 For today, 04.11 (Wed)\nToday is not a school day.\nNeed attention: 1 step.");
    expect(sent[1]!.text).toBe("👤 Иванов П., 7Б\n📘 Absences (crit. 22)\n🔴 Step 2: Inform the deputy — by 02.11 (Mon), overdue");
    expect(sent[1]!.buttons.map((b) => b.text)).toEqual(["2: ✅ Done", "Open"]);
    expect(textsOf(await teacher.send("/cases"))[0]).toBe(
      "📂 My open cases: 1 case\n\n🔴 Иванов П., 7Б — Absences (crit. 22): step 2, by 02.11 (Mon), overdue",
    );
  });
});
