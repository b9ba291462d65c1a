import { describe, expect, it } from "vitest";
import { memoDocx } from "../../src/documents/memo-docx.js";
import { declineName } from "../../src/domain/people/declension.js";
import { surnameInCaseWithInitials } from "../../src/domain/people/names.js";
import { createI18n } from "../../src/i18n.js";
import { docxParagraphs } from "../support/document-capture.js";

const ru = createI18n().t("ru");

describe("the memo's header and subject, as a school writes them", () => {
  it("names the addressee and the author by surname in their case and initials", () => {
    expect(surnameInCaseWithInitials("Кузнецова Елена Викторовна", "Кузнецовой Елене Викторовне")).toBe("Кузнецовой Е. В.");
    expect(surnameInCaseWithInitials("Петрова Ольга Ивановна", "Петровой Ольги Ивановны")).toBe("Петровой О. И.");
  });

  it("a girl of 7Б: «О ситуации с обучающейся 7Б класса Сидоровой Анной», the learning deputy, the signature with the post", async () => {
    const student = declineName("Сидорова Анна Петровна");
    expect(student.sure).toBe(true);
    const bytes = await memoDocx(ru, {
      deputyName: "Кузнецова Елена Викторовна",
      deputyNameDative: "Кузнецовой Елене Викторовне",
      deputyPost: "learning",
      teacherName: "Петрова Ольга Ивановна",
      teacherNameGenitive: "Петровой Ольги Ивановны",
      classLabel: "7Б",
      studentName: "Сидорова Анна Петровна",
      studentNameInstrumental: student.forms.instrumental,
      ...(student.gender ? { studentGender: student.gender } : {}),
      situation: "Анна не выполняет домашние задания по математике.",
      request: "организовать встречу с родителями",
      measures: [{ on: "2026-11-17", withWhom: "parents", what: "беседа с мамой", form: "phone" }],
      date: "2026-11-18",
    });
    const paragraphs = docxParagraphs(bytes);
    expect(paragraphs.slice(0, 6).join(" ")).toBe(
      "Заместителю директора по учебно-воспитательной работе Кузнецовой Е. В. от классного руководителя 7Б класса Петровой О. И. " +
        "Служебная записка О ситуации с обучающейся 7Б класса Сидоровой Анной",
    );
    expect(paragraphs.at(-1)).toBe("Классный руководитель 7Б класса ____________ О. И. Петрова");
    expect(paragraphs.join("\n")).not.toMatch(/\([^()]*\(/);
  });
});
