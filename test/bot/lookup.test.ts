import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { closeCase } from "../../src/app/cases/close-case.js";
import { completeStep } from "../../src/app/cases/complete-step.js";
import { openCase } from "../../src/app/cases/open-case.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { buttonsOf, createHarness, textsOf } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { addClass, addStaff, chatProfile, serviceDeps } from "../support/school-setup.js";

// Monday 10.11.2025, 12:00 in Moscow.
const now = () => new Date("2025-11-10T09:00:00Z");
const ABSENCE_STEP_1 = "✅ 1. Уведомление в «Классном помощнике»";

let db: TestDatabase;
let teacher: Actor;
let otherTeacher: Actor;
let deputy: Actor;
let englishDeputy: Actor;
let foreignDeputy: Actor;
let absenceCase: number;
let kuznetsovCase: number;
let olegCase: number;
let closedCase: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const schools = createSchoolRepository(db.prisma);
  const schoolA = await schools.createSchool({ name: "Школа № 1" });
  const schoolB = await schools.createSchool({ name: "Школа № 2" });
  teacher = await addStaff(db.prisma, schoolA, 4001, "Петрова Анна", ["teacher"]);
  otherTeacher = await addStaff(db.prisma, schoolA, 4002, "Смирнов Олег", ["teacher"]);
  deputy = await addStaff(db.prisma, schoolA, 4003, "Козлова Вера", ["deputy"]);
  englishDeputy = await addStaff(db.prisma, schoolA, 4004, "Brown Kate", ["deputy"], "en");
  foreignDeputy = await addStaff(db.prisma, schoolB, 4005, "Чужой Завуч", ["deputy"]);
  const { ids } = await addClass(db.prisma, schoolA, "7Б", teacher, ["Иванов Пётр Сергеевич", "Иванова Анна"]);
  const { ids: other } = await addClass(db.prisma, schoolA, "7А", otherTeacher, ["Иванов Олег", "Кузнецов Глеб"]);
  await addClass(db.prisma, schoolB, "7Б", foreignDeputy, ["Иванов Борис"]);

  const deps = serviceDeps(db.prisma, now);
  const open = async (actor: Actor, regulationId: string, studentId: number, openedOn: string) =>
    Number((await openCase(deps, { actor, regulationId, studentId, openedOn })).state.id);
  absenceCase = await open(teacher, "absence-criterion-22", ids["Иванов Пётр Сергеевич"]!, "2025-11-05");
  await completeStep(deps, { actor: teacher, caseId: String(absenceCase), stepId: "informDeputy", on: "2025-11-05", form: "phone" });
  closedCase = await open(teacher, "interaction-2-difficulty", ids["Иванов Пётр Сергеевич"]!, "2025-10-01");
  await closeCase(deps, { actor: teacher, caseId: String(closedCase), reason: "resolved" });
  // The teacher also runs a case of a student of another class.
  kuznetsovCase = await open(teacher, "interaction-4-council", other["Кузнецов Глеб"]!, "2025-11-03");
  olegCase = await open(otherTeacher, "absence-criterion-22", other["Иванов Олег"]!, "2025-11-06");
});
afterAll(() => db.destroy());

function harness() {
  return createHarness({ db: db.prisma, now });
}

function buttons(calls: ApiCall[]): string[] {
  return calls.flatMap(buttonsOf).map((b) => b.text);
}

async function lookupAudits(actor: Actor) {
  const rows = await db.prisma.auditEvent.findMany({ where: { actorId: actor.userId!, action: "case.lookup" }, orderBy: { id: "asc" } });
  return rows.map((r) => r.subject);
}

describe("/case and a typed surname", () => {
  it("show a teacher only their own students, with their cases, and open a card with one tap", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    const found = await user.send("/case иванов");
    expect(textsOf(found)).toEqual([
      [
        "Найдено 2 ученика:",
        "",
        "Иванов Пётр Сергеевич, 7Б",
        "• Пропуски (крит. 22): открыт, шаг 3 (с 05.11.2025)",
        "• Трудности в учёбе или поведении: закрыт 10.11.2025",
        "",
        "Иванова Анна, 7Б",
        "• случаев нет",
        "",
        "Нажмите на случай, чтобы открыть карточку.",
      ].join("\n"),
    ]);
    expect(buttons(found)).toEqual(["Иванов П., 7Б — Пропуски (крит. 22)", "Иванов П., 7Б — Трудности в учёбе или поведении"]);
    expect(buttonsOf(found[0]!)[0]!.callback_data).toBe(`lk:c:${absenceCase}`);

    const card = await user.press("Иванов П., 7Б — Пропуски (крит. 22)");
    expect(card.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    expect(textsOf(card).at(-1)).toContain(ABSENCE_STEP_1);

    // A student of a case the teacher runs, though not in their class.
    expect(textsOf(await user.send("Кузнецов"))[0]).toBe(
      [
        "Найден 1 ученик:",
        "",
        "Кузнецов Глеб, 7А",
        "• Малый педсовет: открыт, шаг 1 (с 03.11.2025)",
        "",
        "Нажмите на случай, чтобы открыть карточку.",
      ].join("\n"),
    );
    // Their own cases leave no lookup trail.
    expect(await lookupAudits(teacher)).toEqual([]);
  });

  it("answers a plain surname the same way, and says so when nothing matches", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    expect(textsOf(await user.send("ИВАНОВ   пётр"))[0]).toMatch(/^Найден 1 ученик:\n\nИванов Пётр Сергеевич, 7Б\n/);
    expect(textsOf(await user.send("Олегов"))).toEqual(["Не нашёл ученика «Олегов». Проверьте фамилию."]);
    // Another class's student (no case of the teacher's) is as unknown as a missing one.
    expect(textsOf(await user.send("/case Иванов Олег"))).toEqual(["Не нашёл ученика «Иванов Олег». Проверьте фамилию."]);
    expect(textsOf(await user.send("/case"))).toEqual(["Напишите фамилию после команды, например: /case Иванов"]);
    // Not a surname: left to the rest of the bot.
    expect(textsOf(await user.send("как дела у вас"))[0]).not.toContain("Не нашёл");
  });

  it("refuses a forged button for someone else's case", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    const calls = await user.pressData(`lk:c:${olegCase}`);
    expect(calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    expect(textsOf(calls).join("\n")).not.toContain("Иванов Олег");
    expect(textsOf(calls)).toHaveLength(1);
    expect(textsOf(calls)[0]).not.toContain(ABSENCE_STEP_1);
  });

  it("shows a deputy the whole school, audits each look at someone else's case, and nothing of another school", async () => {
    const h = harness();
    const user = h.user(chatProfile(deputy));
    const found = await user.send("Иванов");
    expect(textsOf(found)[0]).toMatch(
      /^Найдено 3 ученика:\n\nИванов Олег, 7А\n• Пропуски \(крит. 22\): открыт, шаг 2 \(с 06.11.2025\)\n\nИванов Пётр Сергеевич, 7Б\n/,
    );
    expect(textsOf(found)[0]).not.toContain("Иванов Борис");
    expect(buttons(found)).toEqual([
      "Иванов О., 7А — Пропуски (крит. 22)",
      "Иванов П., 7Б — Пропуски (крит. 22)",
      "Иванов П., 7Б — Трудности в учёбе или поведении",
    ]);
    expect((await lookupAudits(deputy)).sort()).toEqual([`case:${olegCase}`, `case:${absenceCase}`, `case:${closedCase}`].sort());

    const foreign = h.user(chatProfile(foreignDeputy));
    expect(textsOf(await foreign.send("/case Кузнецов"))).toEqual(["Не нашёл ученика «Кузнецов». Проверьте фамилию."]);
    expect(textsOf(await foreign.send("/case Иванов"))[0]).toBe("Найден 1 ученик:\n\nИванов Борис, 7Б\n• случаев нет");
    const forged = await foreign.pressData(`lk:c:${absenceCase}`);
    expect(textsOf(forged)).toHaveLength(1);
    expect(textsOf(forged)[0]).not.toContain(ABSENCE_STEP_1);
  });

  it("speaks English to English users", async () => {
    const h = harness();
    const found = await h.user(chatProfile(englishDeputy)).send("/case Кузнецов");
    expect(textsOf(found)[0]).toBe(
      [
        "Found 1 student:",
        "",
        "Кузнецов Глеб, 7А",
        "• Small teachers' council: open, step 1 (since 03.11.2025)",
        "",
        "Tap a case to open its card.",
      ].join("\n"),
    );
  });

  it("is not for strangers", async () => {
    const h = harness();
    const stranger = h.user({ id: 4999, first_name: "Гость" });
    expect(textsOf(await stranger.send("Иванов"))[0]).toContain("рабочий инструмент сотрудников школы");
    expect(textsOf(await stranger.send("/case Иванов"))[0]).toContain("рабочий инструмент сотрудников школы");
  });
});

describe("inline mode", () => {
  function answer(calls: ApiCall[]) {
    const call = calls.find((c) => c.method === "answerInlineQuery");
    expect(call).toBeDefined();
    return call!.payload as { results: Record<string, any>[]; is_personal: boolean; cache_time: number };
  }

  it("answers a teacher with their own students' status lines, and no more personal data than that", async () => {
    const h = harness();
    const result = answer(await h.user(chatProfile(teacher)).inlineQuery("иванов"));
    expect(result).toMatchObject({ is_personal: true, cache_time: 0 });
    expect(result.results.map((r) => [r.type, r.title, r.description, r.input_message_content.message_text])).toEqual([
      ["article", "Иванов П., 7Б — Пропуски (крит. 22)", "открыт, шаг 3", "Иванов П., 7Б — Пропуски (крит. 22): открыт, шаг 3"],
      [
        "article",
        "Иванов П., 7Б — Трудности в учёбе или поведении",
        "закрыт 10.11.2025",
        "Иванов П., 7Б — Трудности в учёбе или поведении: закрыт 10.11.2025",
      ],
      ["article", "Иванова А., 7Б", "случаев нет", "Иванова А., 7Б — случаев нет"],
    ]);
    expect(JSON.stringify(result.results)).not.toMatch(/Пётр|Сергеевич|Анна\b|Олег/);
    expect(new Set(result.results.map((r) => r.id)).size).toBe(3);
  });

  it("answers a deputy with the school's students, in their language", async () => {
    const h = harness();
    const audited = (await lookupAudits(englishDeputy)).length;
    const result = answer(await h.user(chatProfile(englishDeputy)).inlineQuery("Кузнецов"));
    expect(result.results.map((r) => r.input_message_content.message_text)).toEqual([
      "Кузнецов Г., 7А — Small teachers' council: open, step 1",
    ]);
    expect((await lookupAudits(englishDeputy)).slice(audited)).toEqual([`case:${kuznetsovCase}`]);
  });

  it("gives strangers, other schools and one-letter queries nothing", async () => {
    const h = harness();
    expect(answer(await h.user({ id: 4999, first_name: "Гость" }).inlineQuery("Иванов")).results).toEqual([]);
    expect(answer(await h.user(chatProfile(teacher)).inlineQuery("И")).results).toEqual([]);
    expect(answer(await h.user(chatProfile(teacher)).inlineQuery("  ")).results).toEqual([]);
    expect(answer(await h.user(chatProfile(foreignDeputy)).inlineQuery("Кузнецов")).results).toEqual([]);
  });
});
