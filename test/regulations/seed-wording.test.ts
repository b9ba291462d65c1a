/**
 * The step texts users see must be the regulations' own words. This test reads the source
 * documents in ../shared/seeds and checks the definitions in regulations/ against them.
 *
 * Normalisation (the same on both sides):
 * - absence regulation (markdown): a step is a numbered item; its text is the item without the
 *   `**` bold markers and without the final ";" or "."; its deadline is the bold phrase.
 * - interaction regulation (OCR of a table, tab-separated): the wrapped lines of a cell are joined
 *   with single spaces, except that a line ending in a hyphenated word part ("учителями-") joins
 *   the next without one; whitespace is collapsed and the bullets "•" / "·" are dropped. A row's
 *   step text that starts with a lowercase word carries the tail of the section heading, which the
 *   OCR wrapped into it ("воспитательных мероприятий Классный руководитель ..."): the step starts
 *   at the first capitalised word. Periodicity is compared case-insensitively (the OCR has
 *   «По мере Необходимости»).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Form, Regulation, StepTiming } from "../../src/domain/regulation/schema.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";

const repoRoot = path.resolve(fileURLToPath(import.meta.url), "../../..");
const seedsDir = path.resolve(repoRoot, "../shared/seeds");
const readSeed = (name: string) => fs.readFileSync(path.join(seedsDir, name), "utf8");

const catalog = loadRegulations();

// --- absence regulation --------------------------------------------------------------------

interface AbsenceItem {
  number: string;
  text: string;
  deadline: string | undefined;
}

function parseAbsenceSeed(seed: string): AbsenceItem[] {
  return seed.split("\n").flatMap((line) => {
    const match = /^(\d+)\.\s+(.+)$/.exec(line.trim());
    if (!match) return [];
    const [, number, raw] = match as unknown as [string, string, string];
    return [{ number, text: raw.replaceAll("**", "").replace(/[;.]$/, ""), deadline: /\*\*(.+?)\*\*/.exec(raw)?.[1] }];
  });
}

/** What the bold deadline phrase means, as the definitions encode it. */
function absenceTimingKind(deadline: string | undefined): StepTiming["kind"] {
  if (deadline === undefined || deadline === "по факту получения") return "onReceipt";
  if (/^в течение \d+-\d+ дней$/.test(deadline)) return "windowSchoolDays";
  if (/^в течение \d+-(х|ти) дней$/.test(deadline)) return "withinSchoolDays";
  if (deadline === "не реже 1 раза в неделю") return "recurring";
  throw new Error(`unexpected deadline phrase «${deadline}»`);
}

// --- interaction regulation (table) ----------------------------------------------------------

interface TableRow {
  section: number;
  number: string;
  step: string;
  forms: string;
  periodicity: string;
}

interface TableSection {
  heading: string;
  rows: TableRow[];
}

function joinCell(lines: string[]): string {
  return lines
    .map((l) => l.replace(/[•·]/g, " ").replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .reduce((acc, l) => (acc === "" ? l : /\p{L}-$/u.test(acc) ? acc + l : `${acc} ${l}`), "");
}

function parseTableSeed(seed: string): TableSection[] {
  const lines = seed.split("\n");
  const start = lines.findIndex((l) => l.startsWith("№\t"));
  const sections: { heading: string[]; rows: { number: string; cells: string[][] }[] }[] = [];
  let inHeading = false;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "" || line.startsWith("¹")) continue; // blank lines and the page footnote
    const cells = line.split("\t");
    const first = (cells[0] ?? "").trim();
    const section = sections.at(-1);
    if (/^[1-9]$/.test(first)) {
      section!.rows.push({ number: first, cells: [[cells[1] ?? ""], [cells[2] ?? ""], [cells[3] ?? ""]] });
      inHeading = false;
    } else if (first !== "" && !inHeading) {
      sections.push({ heading: [cells.join(" ")], rows: [] }); // "I.", "II. ...", OCR'd numerals
      inHeading = true;
    } else if (inHeading) {
      section!.heading.push(cells.join(" "));
    } else {
      const row = section!.rows.at(-1)!;
      row.cells.forEach((cell, i) => cell.push(cells[i + 1] ?? ""));
    }
  }
  return sections.map((s, index) => {
    const heading = [joinCell(s.heading)];
    const rows = s.rows.map(({ number, cells }) => {
      let step = joinCell(cells[0]!);
      const wrapped = /^(\p{Ll}[^\p{Lu}]*?)\s+(?=\p{Lu})/u.exec(step);
      if (wrapped) {
        heading.push(wrapped[1]!);
        step = step.slice(wrapped[0].length);
      }
      return { section: index + 1, number, step, forms: joinCell(cells[1]!), periodicity: joinCell(cells[2]!) };
    });
    return { heading: heading.join(" "), rows };
  });
}

const FORM_PATTERNS: Partial<Record<Form, RegExp>> = {
  personalMeeting: /личная встреча/,
  phone: /телефон/,
  messenger: /messenger/,
  corporateEmail: /корпоративная почта/,
  eJournal: /электронный журнал|ЭЖД/,
  eDiary: /электронный дневник/,
  lessonVisits: /посещени[ея] уроков/,
  observation: /наблюдение/,
  moMeeting: /заседание МО/,
  deputyMeeting: /совещания при заместителе директора/,
  individualConsultations: /индивидуальные консультации/,
  writtenRequests: /письменные обращения/,
  eSignupForm: /электронная форма записи/,
};

function formsIn(cell: string): Form[] {
  return (Object.keys(FORM_PATTERNS) as Form[]).filter((form) => FORM_PATTERNS[form]!.test(cell)).sort();
}

/** What a periodicity means, as the definitions encode it. */
function periodicityTiming(text: string): Partial<StepTiming> {
  if (/не реже 1 раза? в неделю/.test(text)) return { kind: "recurring", everyDays: 7 };
  if (/не реже 1 раза? в 2 недели/.test(text)) return { kind: "recurring", everyDays: 14 };
  if (/1 раз в год/.test(text)) return { kind: "annual" };
  return { kind: "asNeeded" };
}

const INTERACTION_IDS = ["interaction-1-emergency", "interaction-2-difficulty", "interaction-3-upbringing", "interaction-4-council"];

function stepByNumber(reg: Regulation, number: string) {
  const step = reg.steps.find((s) => s.number === number);
  if (!step) throw new Error(`${reg.id} has no step ${number}`);
  return step;
}

// --- tests -----------------------------------------------------------------------------------

describe("absence regulation (criterion 22)", () => {
  const items = parseAbsenceSeed(readSeed("000_d76d25e490eb3606.txt"));
  const reg = catalog.current("absence-criterion-22");

  it("has one step per numbered item of the seed", () => {
    expect(items.map((i) => i.number)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(reg.steps.map((s) => s.number)).toEqual(items.map((i) => i.number));
  });

  it.each(items)("step $number: verbatim text, deadline and matching timing", (item) => {
    const step = stepByNumber(reg, item.number);
    expect(step.text.ru).toBe(item.text);
    expect(step.deadlineText?.ru).toBe(item.deadline);
    expect(step.timing.kind).toBe(absenceTimingKind(item.deadline));
  });
});

describe("interaction regulation (order 257)", () => {
  const sections = parseTableSeed(readSeed("002_5826950e83b850b5.txt"));

  it("reads four sections with 1, 4, 4 and 3 steps", () => {
    expect(sections.map((s) => s.rows.length)).toEqual([1, 4, 4, 3]);
  });

  it.each([0, 1, 2, 3])("section %i maps to a definition with the same steps", (index) => {
    const reg = catalog.current(INTERACTION_IDS[index]!);
    expect(reg.steps.map((s) => s.number)).toEqual(sections[index]!.rows.map((r) => r.number));
  });

  it("keeps the headings of sections I and II as titles (III and IV are reconstructed)", () => {
    expect(sections[0]!.heading).toContain(catalog.current(INTERACTION_IDS[0]!).title.ru);
    expect(sections[1]!.heading).toContain(catalog.current(INTERACTION_IDS[1]!).title.ru);
    expect(sections[2]!.heading).toContain("воспитательных мероприятий");
  });

  const rows = sections.flatMap((s) => s.rows);
  it.each(rows)("section $section step $number: verbatim text, forms and periodicity", (row) => {
    const step = stepByNumber(catalog.current(INTERACTION_IDS[row.section - 1]!), row.number);
    expect(step.text.ru).toBe(row.step);
    expect([...step.forms].sort()).toEqual(formsIn(row.forms));
    expect(step.deadlineText?.ru.toLowerCase()).toBe(row.periodicity.toLowerCase());
    expect(step.timing).toMatchObject(periodicityTiming(row.periodicity));
  });
});

describe("every definition step", () => {
  const seedTexts = new Set([
    ...parseAbsenceSeed(readSeed("000_d76d25e490eb3606.txt")).map((i) => i.text),
    ...parseTableSeed(readSeed("002_5826950e83b850b5.txt")).flatMap((s) => s.rows.map((r) => r.step)),
  ]);
  const steps = catalog.list().flatMap((reg) => reg.steps.map((step) => ({ where: `${reg.id} ${step.id}`, ru: step.text.ru })));

  it.each(steps)("$where: Russian text is found in a seed", ({ ru }) => {
    expect(seedTexts.has(ru)).toBe(true);
  });
});
