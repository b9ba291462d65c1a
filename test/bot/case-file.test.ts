import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachCaseFile } from "../../src/app/cases/case-attachments.js";
import { closeCase } from "../../src/app/cases/close-case.js";
import { inviteParent, recordParentAttendance } from "../../src/app/cases/parent-meetings.js";
import { addParent } from "../../src/app/students/student-family.js";
import { completeStep } from "../../src/app/cases/complete-step.js";
import { logMeasure } from "../../src/app/difficulty/log-measure.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { buttonsOf, createHarness, type ChatUser } from "../support/bot-harness.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { DocumentCapturingTelegram, docxParagraphs } from "../support/document-capture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * Issue 14, «Дело обучающегося»: from a case card, the student's whole record as a DOCX and a PDF,
 * with every case (open and closed) and its full chronology. The PDF is read back with poppler's
 * pdftotext and drawn with pdftoppm, as a clerk's viewer would.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

function pdfText(bytes: Uint8Array): string {
  return execFileSync("pdftotext", ["-layout", "-", "-"], { input: bytes, encoding: "utf8" });
}

/** The PDF's pages as PNG files (pdftoppm, 60 dpi): what a viewer shows. */
function pdfPages(bytes: Uint8Array): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-pdf-"));
  const file = path.join(dir, "file.pdf");
  fs.writeFileSync(file, bytes);
  execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(dir, "page")]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => path.join(dir, f));
}

describe("the student's case file", () => {
  const clock = movableClock("2026-11-02");
  const telegram = new DocumentCapturingTelegram();
  let world: CaseWorld;
  let h: ReturnType<typeof createHarness>;
  let teacher: ChatUser;
  let deputy: ChatUser;
  let absence: number;
  let difficulty: number;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9900, now: clock.now, name: "ГБОУ Школа № 1234" });
    await db.prisma.student.update({ where: { id: world.studentIds[0]! }, data: { birthDate: "2013-04-17" } });
    const deps = fixtureDeps(db.prisma, clock.now);
    // A difficulty case in November, closed; an absence case opened in December, still open.
    difficulty = await world.openCase({ regulationId: "interaction-2-difficulty", openedOn: "2026-11-02" });
    clock.set("2026-11-05");
    await logMeasure(deps, {
      actor: world.teacher,
      caseId: String(difficulty),
      withWhom: "parents",
      what: "беседа с мамой о режиме дня",
      form: "phone",
      on: "2026-11-03",
    });
    clock.set("2026-11-20");
    await closeCase(deps, { actor: world.teacher, caseId: String(difficulty), reason: "other", note: "трудности преодолены" });
    clock.set("2026-12-01");
    absence = await world.openCase({ openedOn: "2026-12-01", firstAbsenceOn: "2026-11-16" });
    await completeStep(deps, { actor: world.teacher, caseId: String(absence), stepId: "informDeputy", on: "2026-12-01" });
    // The mother, invited by phone to a meeting that day, did not come; a home visit report is attached.
    await addParent(deps, { actor: world.teacher, caseId: String(absence), relation: "mother", fullName: "Иванова Мария Петровна" });
    const mother = await db.prisma.studentParent.findFirstOrThrow({ where: { studentId: world.studentIds[0]! } });
    const { meetingId } = await inviteParent(deps, {
      actor: world.teacher,
      caseId: String(absence),
      parentId: mother.id,
      via: "phone",
      meetingOn: "2026-12-01",
    });
    clock.set("2026-12-02");
    await recordParentAttendance(deps, { actor: world.teacher, caseId: String(absence), meetingId, attended: false });
    await attachCaseFile(deps, {
      actor: world.teacher,
      caseId: String(absence),
      file: { telegramFile: "BQACAgIAAxkBAAIB", fileName: "Акт обследования.pdf", size: 300_000, mimeType: "application/pdf" },
    });
    h = createHarness({ db: db.prisma, now: clock.now, telegram, deliverOutbox: true });
    teacher = h.user({ id: 9900, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9901, first_name: "Марина", language_code: "ru" });
  });

  it("is a button on the card; a press sends the DOCX and the PDF with both cases and their chronologies", async () => {
    const card = await teacher.pressData(`cc:o:${absence}`);
    const button = card.flatMap(buttonsOf).find((b) => b.text === "📁 Дело");
    expect(button?.callback_data).toBe(`cf:${absence}`);

    await teacher.press("📁 Дело");
    const sent = telegram.documents.filter((d) => d.chatId === 9900);
    expect(sent.map((d) => d.fileName)).toEqual([
      "Дело обучающегося Иванов 7Б 2026-12-02.docx",
      "Дело обучающегося Иванов 7Б 2026-12-02.pdf",
    ]);
    expect(sent.map((d) => d.caption)).toEqual([
      "Дело обучающегося — Иванов Пётр Сергеевич: для правки (DOCX)",
      "Дело обучающегося — Иванов Пётр Сергеевич: для отправки (PDF)",
    ]);

    const paragraphs = docxParagraphs(sent[0]!.bytes);
    expect(paragraphs.slice(0, 4)).toEqual([
      "ГБОУ Школа № 1234",
      "ДЕЛО ОБУЧАЮЩЕГОСЯ",
      "Иванов Пётр Сергеевич",
      "обучающийся 7Б класса, дата рождения 17.04.2013",
    ]);
    const all = paragraphs.join("\n");
    // Both cases, oldest first, each with its dates and state.
    const first = all.indexOf("Случай 1. ");
    const second = all.indexOf("Случай 2. ");
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(all).toContain("Период: с 02.11.2026 по 20.11.2026");
    expect(all).toContain("Состояние: закрыт 20.11.2026: другое");
    expect(all).toContain("Открыт 01.12.2026, работа продолжается");
    expect(all).toContain("1. 03.11.2026 — с родителями, телефон: беседа с мамой о режиме дня");
    // The whole chronology of each case, not the last screen: the closing note is there.
    expect(all).toContain("трудности преодолены");
    expect(all.match(/случай открыт/g)?.length).toBe(2);
    // The steps with their titles, deadlines and marks, so that «шаг 2 выполнен» means something on paper.
    expect(all).toContain("Шаги регламента\n№\nШаг\nСрок\nОтметка");
    expect(all).toContain("Сообщить заместителю\n01.12.2026\nвыполнен 01.12.2026");
    expect(all).toContain("Классный руководитель: Петрова Ольга Ивановна");
    expect(all).toContain("Дело составлено 02.12.2026. Составил(а): Петрова Ольга Ивановна");
    // The mother's no-show, as a meeting and as a fact of the chronology; the attached file by name.
    expect(all).toContain(
      "Встречи с родителями (законными представителями)\n1. 01.12.2026 — Иванова Мария Петровна (мать); приглашение по телефону 01.12.2026; не пришла",
    );
    expect(all).toContain("❌ мать Иванова Мария Петровна не пришла на встречу 01.12.2026");
    expect(all).toContain("Приложенные файлы\n1. Акт обследования.pdf — Петрова Ольга Ивановна, 02.12.2026");

    // The PDF says the same, in Cyrillic a viewer can read, and draws as pages.
    const text = pdfText(sent[1]!.bytes);
    expect(text).toContain("ДЕЛО ОБУЧАЮЩЕГОСЯ");
    expect(text).toContain("Иванов Пётр Сергеевич");
    expect(text).toContain("беседа с мамой о режиме дня");
    expect(text).toContain("трудности преодолены");
    const flowing = text.replace(/\s+/g, " ");
    expect(flowing).toContain("Иванова Мария Петровна (мать); приглашение по телефону 01.12.2026; не пришла");
    expect(flowing).toContain("Акт обследования.pdf");
    const pages = pdfPages(sent[1]!.bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(fs.readFileSync(pages[0]!).subarray(1, 4).toString()).toBe("PNG");
    if (process.env.WRITE_PICTURES) fs.copyFileSync(pages[0]!, path.resolve(import.meta.dirname, "../../docs/pictures/case-file.png"));
  });

  it("the deputy gets the same file; someone outside the school gets nothing", async () => {
    await deputy.pressData(`cf:${absence}`);
    const toDeputy = telegram.documents.filter((d) => d.chatId === 9901);
    expect(toDeputy).toHaveLength(2);
    expect(docxParagraphs(toDeputy[0]!.bytes).join("\n")).toContain("Составил(а): Соколова Марина Викторовна");

    const stranger = h.user({ id: 9999, first_name: "Гость", language_code: "ru" });
    await stranger.pressData(`cf:${absence}`);
    expect(telegram.documents.filter((d) => d.chatId === 9999)).toEqual([]);
  });

  it("says who was told: the deputy's notice of a late step, with its date", async () => {
    // Step 3 (the status, due 08.12) is still not marked two school days later: the deputy is told.
    clock.set("2026-12-10");
    await planReminders({ ...fixtureDeps(db.prisma, clock.now) });
    await h.deliver();
    expect(
      await db.prisma.notification.count({
        where: { caseId: absence, kind: "escalationDeputy", status: "sent", userId: world.deputy.userId! },
      }),
    ).toBe(1);
    const before = telegram.documents.length;
    await teacher.pressData(`cf:${absence}`);
    const all = docxParagraphs(telegram.documents[before]!.bytes).join("\n");
    // Step 2's notice went out with the first press (the harness delivers then), the escalation now.
    expect(all).toContain(
      "Кому сообщалось\nДата\nКому\nО чём\n02.12.2026\nСоколова М. В.\nуведомление по случаю\n10.12.2026\nСоколова М. В.\nсрок шага 3 пропущен",
    );
    expect(all).toContain("Статус семейного неблагополучия\n08.12.2026\nсрок пропущен");
  });

  it("a teacher of another class cannot get it by forging the button", async () => {
    await world.addPerson(9902, "Белова Ирина Андреевна", ["teacher"]);
    const other = h.user({ id: 9902, first_name: "Ирина", language_code: "ru" });
    await other.pressData(`cf:${difficulty}`);
    expect(telegram.documents.filter((d) => d.chatId === 9902)).toEqual([]);
    expect(other.lastText()).not.toContain("Иванов");
  });
});
