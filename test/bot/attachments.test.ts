import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseStudent } from "../../src/app/admin/erase-student.js";
import { createHarness, type ChatUser } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { DocumentCapturingTelegram, docxParagraphs } from "../support/document-capture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * Issue 14, files in the record: a teacher sends a document or a photo into a case (from the card,
 * or outside any case and then picks the case); it is kept by Telegram's file id with its name,
 * size, type, who and when; listed in the chronology and the case file; sent back from the card.
 * 20 MB at most, no programs; erased with the student.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const sent = (calls: ApiCall[], method: string) => calls.filter((c) => c.method === method);

describe("files of a case", () => {
  const clock = movableClock("2026-12-02");
  const telegram = new DocumentCapturingTelegram();
  let world: CaseWorld;
  let h: ReturnType<typeof createHarness>;
  let teacher: ChatUser;
  let caseId: number;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9750, now: clock.now });
    caseId = await world.openCase({ openedOn: "2026-12-01" });
    h = createHarness({ db: db.prisma, now: clock.now, telegram });
    teacher = h.user({ id: 9750, first_name: "Ольга", language_code: "ru" });
  });

  it("are attached from the card: a document, checked for size and programs; a photo", async () => {
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("📎 Файлы");
    expect(teacher.lastText()).toMatch(/^📎 Файлы — Иванов П\., 7Б\nФайлов пока нет\./);
    await teacher.press("➕ Прикрепить файл");
    expect(teacher.lastText()).toBe("Пришлите документ или фото (до 20 МБ).");
    await teacher.send("акт потом пришлю");
    expect(teacher.lastText()).toBe("Пришлите документ или фото — или нажмите «Отмена».");
    await teacher.sendDocumentInfo("setup.exe", "application/octet-stream", 40_000);
    expect(teacher.lastText()).toBe("Программы и скрипты к случаю не прикладываются. Пришлите документ, скан или фото.");
    await teacher.sendDocumentInfo("скан.pdf", "application/pdf", 25 * 1024 * 1024);
    expect(teacher.lastText()).toMatch(/^Файл больше 20 МБ/);
    expect(await db.prisma.caseAttachment.count({ where: { caseId } })).toBe(0);
    await teacher.sendDocument("Акт обследования.pdf", new Uint8Array(300_000), "application/pdf");
    expect(teacher.texts().at(-2)).toBe("Файл «Акт обследования.pdf» приложен к случаю.");
    expect(teacher.lastText()).toBe("📎 Файлы — Иванов П., 7Б\n1. Акт обследования.pdf — Петрова Ольга Ивановна — 02.12.2026 — 293 КБ");

    await teacher.press("➕ Прикрепить файл");
    await teacher.sendPhoto(1_500_000);
    expect(teacher.lastText()).toMatch(/\n2\. Фото \d\d\.\d\d\.\d{4}\.jpg — Петрова Ольга Ивановна — 02\.12\.2026 — 1,4 МБ$/);
    const rows = await db.prisma.caseAttachment.findMany({ where: { caseId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.kind, r.fileName.replace(/\d/g, "9"), r.size, r.mimeType, r.addedBy])).toEqual([
      ["case", "Акт обследования.pdf", 300_000, "application/pdf", world.teacher.memberId],
      ["photo", "Фото 99.99.9999.jpg", 1_500_000, "image/jpeg", world.teacher.memberId],
    ]);
    expect(rows[1]!.telegramFile).toMatch(/^photo-\d+$/);
  });

  it("are sent back from the list, and named in the chronology", async () => {
    const back = await teacher.press("📄 1. Акт обследования.pdf");
    const document = (await db.prisma.caseAttachment.findFirstOrThrow({ where: { caseId, kind: "case" } })).telegramFile;
    expect(sent(back, "sendDocument").map((c) => c.payload.document)).toEqual([document]);
    const photo = await teacher.pressData(
      `at:g:${caseId}:${(await db.prisma.caseAttachment.findFirstOrThrow({ where: { caseId, kind: "photo" } })).id}`,
    );
    expect(sent(photo, "sendPhoto")).toHaveLength(1);

    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("🕓 Хронология");
    expect(teacher.lastText()).toContain("02.12.2026 · Петрова Ольга Ивановна — 📎 приложен файл «Акт обследования.pdf»");
  });

  it("a file sent outside a case asks which case; a class list stays a class list", async () => {
    await teacher.sendDocument(
      "Заявление мамы.docx",
      new Uint8Array(20_000),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(teacher.lastText()).toBe("К какому случаю приложить «Заявление мамы.docx»?");
    await teacher.press("Иванов П., 7Б — Пропуски более 10 учебных дней (критерий №22)");
    expect(teacher.texts().at(-2)).toBe("Файл «Заявление мамы.docx» приложен к случаю.");
    expect(await db.prisma.caseAttachment.count({ where: { caseId } })).toBe(3);
    await teacher.sendDocument("7Б.csv", "ФИО;Класс\nНовиков Ян;7Б\n");
    expect(teacher.lastText()).toBe("Загружен 1 ученик.\n7Б: +1 ученик");
  });

  it("are in the case file; not sent to someone else's teacher; erased with the student", async () => {
    await teacher.pressData(`cf:${caseId}`);
    const all = docxParagraphs(telegram.documents.at(-2)!.bytes).join("\n");
    expect(all).toContain("Приложенные файлы\n1. Акт обследования.pdf — Петрова Ольга Ивановна, 02.12.2026\n2. Фото");
    expect(all).toContain("3. Заявление мамы.docx — Петрова Ольга Ивановна, 02.12.2026");

    await world.addPerson(9752, "Белова Ирина Андреевна", ["teacher"]);
    const other = h.user({ id: 9752, first_name: "Ирина", language_code: "ru" });
    const file = await db.prisma.caseAttachment.findFirstOrThrow({ where: { caseId, kind: "case" } });
    const forged = [...(await other.pressData(`at:g:${caseId}:${file.id}`)), ...(await other.pressData(`at:a:${caseId}`))];
    expect(sent(forged, "sendDocument")).toEqual([]);
    expect(other.texts().join("\n")).not.toContain("Пришлите документ");

    const admin = await world.addPerson(9753, "Орлова Нина Павловна", ["admin"]);
    await eraseStudent(fixtureDeps(db.prisma, clock.now), { actor: admin, studentId: world.studentIds[0]! });
    expect(await db.prisma.caseAttachment.count({ where: { caseId } })).toBe(0);
    const audit = JSON.stringify(await db.prisma.auditEvent.findMany({ where: { action: "case.fileAttached" } }));
    expect(audit).not.toContain("Акт обследования");
  });
});
