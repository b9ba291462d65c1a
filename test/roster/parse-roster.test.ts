import { describe, expect, it } from "vitest";
import { normalizeClassLabel } from "../../src/roster/class-label.js";
import { decodeCsv } from "../../src/roster/decode-csv.js";
import { parseBirthDate, parseRoster } from "../../src/roster/parse-roster.js";
import { readRoster } from "../../src/roster/read-roster.js";
import { toCp1251, toUtf8WithBom } from "../support/cp1251.js";

describe("class labels", () => {
  it.each([
    ["7Б", "7Б"],
    [" 7 б ", "7Б"],
    ["7-Б", "7Б"],
    ["11 «А»", "11А"],
    ['10"В"', "10В"],
    ["7B", "7В"],
    ["5а", "5А"],
    ["7-1", "7-1"],
    ["7.2", "7-2"],
    ["9", "9"],
  ])("%j → %s", (text, label) => {
    expect(normalizeClassLabel(text)).toBe(label);
  });

  it.each(["", "12А", "0Б", "седьмой", "7БВГ", "Б7", "7Б-2"])("%j is not a class", (text) => {
    expect(normalizeClassLabel(text)).toBeUndefined();
  });
});

describe("decoding", () => {
  const text = "ФИО;Класс\nЁлкина Алёна;7Б\n";
  it("reads Windows-1251, UTF-8 and UTF-8 with a BOM alike", () => {
    expect(decodeCsv(toCp1251(text))).toBe(text);
    expect(decodeCsv(new TextEncoder().encode(text))).toBe(text);
    expect(decodeCsv(toUtf8WithBom(text))).toBe(text);
  });
});

describe("birth dates", () => {
  it.each([
    ["01.09.2012", "2012-09-01"],
    ["1.9.2012", "2012-09-01"],
    ["2012-09-01", "2012-09-01"],
    ["01.09.2012 0:00:00", "2012-09-01"],
  ])("%s → %s", (text, date) => {
    expect(parseBirthDate(text, "2026-11-23")).toBe(date);
  });

  it.each(["31.02.2012", "2012", "01/09/2012", "01.09.12", "01.01.2030"])("%s is refused", (text) => {
    expect(parseBirthDate(text, "2026-11-23")).toBeUndefined();
  });
});

describe("parsing a class list", () => {
  it("reads a Russian Excel file: Windows-1251, `;`, columns in any order, spaces trimmed", () => {
    const csv = "Дата рождения;  Класс ; Ф.И.О.\r\n01.09.2012; 7б ;  Иванов   Пётр Сергеевич \r\n;7Б;Ёлкина Алёна\r\n";
    const roster = readRoster(toCp1251(csv), "2026-11-23");
    expect(roster).toMatchObject({
      kind: "parsed",
      issues: [],
      rows: [
        { line: 2, fullName: "Иванов Пётр Сергеевич", searchName: "иванов петр сергеевич", classLabel: "7Б", birthDate: "2012-09-01" },
        { line: 3, fullName: "Ёлкина Алёна", searchName: "елкина алена", classLabel: "7Б" },
      ],
    });
    expect((roster as { rows: object[] }).rows[1]).not.toHaveProperty("birthDate");
  });

  it("reads UTF-8 with a BOM and `,`; headings are case-insensitive; extra columns ignored", () => {
    const csv = '№,ФАМИЛИЯ ИМЯ ОТЧЕСТВО,класс,Пол\n1,"Сидорова Анна",7А,ж\n2,Петров Иван,7А,м\n';
    const roster = readRoster(toUtf8WithBom(csv));
    expect(roster).toMatchObject({ kind: "parsed", issues: [], rows: [{ fullName: "Сидорова Анна" }, { fullName: "Петров Иван" }] });
  });

  it("finds the header below a title line and skips empty rows", () => {
    const roster = parseRoster("Список класса 7Б;;\n;;\nФИО;Класс\nИванов Пётр;7Б\n;\n");
    expect(roster).toMatchObject({ kind: "parsed", rows: [{ line: 4, fullName: "Иванов Пётр" }] });
  });

  it("names the line and the column of every problem", () => {
    const csv = [
      "ФИО;Класс;Дата рождения",
      "Иванов Пётр;7Б;01.09.2012",
      ";7Б;",
      "Петров Иван;7Ы7;",
      "Сидоров Олег;;",
      "Орлова Ольга;7Б;31.02.2012",
      "иванов  петр;7 б;",
      "12345;7Б;",
    ].join("\n");
    const roster = parseRoster(csv, { today: "2026-11-23" });
    expect(roster.kind === "parsed" && roster.issues).toEqual([
      { line: 3, column: "fullName", heading: "ФИО", problem: "emptyName", value: "" },
      { line: 4, column: "classLabel", heading: "Класс", problem: "badClass", value: "7Ы7" },
      { line: 5, column: "classLabel", heading: "Класс", problem: "badClass", value: "" },
      { line: 6, column: "birthDate", heading: "Дата рождения", problem: "badDate", value: "31.02.2012" },
      { line: 7, column: "fullName", heading: "ФИО", problem: "duplicate", value: "иванов петр", firstLine: 2 },
      { line: 8, column: "fullName", heading: "ФИО", problem: "badName", value: "12345" },
    ]);
  });

  it("reads the parents' columns: names and phones, each checked, a phone without a name refused", () => {
    const csv = [
      "ФИО;Класс;ФИО матери;Телефон матери;Отец;Тел. отца;Опекун;Телефон опекуна",
      "Иванов Пётр;7Б;Иванова  Мария Петровна;8 (916) 123-45-67;Иванов Сергей;;;",
      "Смирнова Анна;7Б;;;;;Смирнова Галина Ивановна;+7 903 111 22 33",
      "Орлов Олег;7Б;Орлова Ирина;позвонить;;89031112233;<Петрова>;",
    ].join("\n");
    const roster = parseRoster(csv);
    expect(roster.kind === "parsed" && roster.rows.map((r) => r.parents)).toEqual([
      [
        { relation: "mother", fullName: "Иванова Мария Петровна", phone: "+79161234567" },
        { relation: "father", fullName: "Иванов Сергей" },
      ],
      [{ relation: "guardian", fullName: "Смирнова Галина Ивановна", phone: "+79031112233" }],
    ]);
    expect(roster.kind === "parsed" && roster.issues).toEqual([
      { line: 4, column: "motherPhone", heading: "Телефон матери", problem: "badPhone", value: "позвонить" },
      { line: 4, column: "fatherName", heading: "Отец", problem: "phoneWithoutName", value: "89031112233" },
      { line: 4, column: "guardianName", heading: "Опекун", problem: "badName", value: "<Петрова>" },
    ]);
  });

  it("says which columns it found when the needed ones are missing", () => {
    expect(parseRoster("Имя;Группа\nИванов;7Б\n")).toEqual({ kind: "badColumns", found: ["Имя", "Группа"] });
    expect(parseRoster("ФИО;Дата рождения\nИванов;01.01.2012\n")).toMatchObject({ kind: "badColumns" });
  });

  it("tells an empty file and a broken one apart", () => {
    expect(parseRoster("")).toEqual({ kind: "empty" });
    expect(parseRoster(" \n;;\n")).toEqual({ kind: "empty" });
    expect(parseRoster('ФИО;Класс\n"Иванов;7Б\nПетров;7Б\n')).toEqual({ kind: "malformed", line: 2 });
  });
});
