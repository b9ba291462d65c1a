import type { TFunction } from "i18next";
import { formatRussianDate, type LocalDate } from "../domain/dates.js";
import { heading, tableOf, text, title, type Block } from "./blocks.js";
import { renderDocx } from "./render-docx.js";
import { renderPdf } from "./render-pdf.js";

/** «Дело обучающегося», every line already worded (the bot words the chronology as the card does). */
export interface CaseFileDoc {
  schoolName: string;
  student: { fullName: string; classLabel: string; birthDate?: LocalDate };
  parents: readonly { fullName: string; relation: string; phone?: string }[];
  characteristic?: { text: string; by: string; on: LocalDate };
  cases: readonly CaseFileDocCase[];
  /** Who drew it up, and when. */
  author: string;
  date: LocalDate;
}

export interface CaseFileDocCase {
  regulation: string;
  openedOn: LocalDate;
  closedOn?: LocalDate;
  /** «закрыт: …» or «открыт». */
  status: string;
  teacher: string;
  deputy?: string;
  /** The date of registration (ВШУ) recorded for the ИПР. */
  registeredOn?: LocalDate;
  /** «Пропущено за время случая …», from the journal's attendance; absent when none is loaded. */
  missed?: string;
  /** The regulation's steps: number, title, deadline, what was recorded. */
  steps: readonly { number: string; title: string; dueOn?: LocalDate; mark: string }[];
  told: readonly { on: LocalDate; who: string; what: string }[];
  chronology: readonly { on: LocalDate; who: string; what: string }[];
  measures: readonly string[];
  meetings: readonly string[];
  /** «10.12.2026 — Иванова Анна Петровна (мать); приглашение по телефону 08.12.2026; не пришла». */
  parentMeetings: readonly string[];
  plan: readonly { what: string; who: string; dueOn?: LocalDate; doneOn?: LocalDate }[];
  files: readonly { name: string; on: LocalDate; by: string }[];
}

export function caseFileBlocks(t: TFunction, doc: CaseFileDoc): Block[] {
  const k = (key: string, params?: Record<string, unknown>) => t(`caseFile.${key}`, params);
  const date = formatRussianDate;
  const student = doc.student;
  const blocks: Block[] = [
    text(doc.schoolName, { align: "center" }),
    title(k("title")),
    text(student.fullName, { align: "center", bold: true }),
    text(
      student.birthDate
        ? k("studentLine", { classLabel: student.classLabel, birthDate: date(student.birthDate) })
        : k("studentLineNoBirth", { classLabel: student.classLabel }),
      { align: "center" },
    ),
    heading(k("family")),
    ...(doc.parents.length > 0
      ? doc.parents.map((p) => text(`${p.relation}: ${p.fullName}${p.phone ? `, ${p.phone}` : ""}`))
      : [text(k("noParents"))]),
    heading(k("characteristic")),
    ...(doc.characteristic
      ? [
          text(doc.characteristic.text, { align: "justify", indent: true }),
          text(k("characteristicBy", { name: doc.characteristic.by, date: date(doc.characteristic.on) }), { align: "right" }),
        ]
      : [text(k("noCharacteristic"))]),
    heading(k("casesTitle", { count: doc.cases.length })),
    tableOf(
      [k("h.n"), k("h.regulation"), k("h.opened"), k("h.status"), k("h.teacher")],
      doc.cases.map((c, i) => [String(i + 1), c.regulation, date(c.openedOn), c.status, c.teacher]),
      [5, 41, 14, 20, 20],
    ),
  ];
  doc.cases.forEach((c, i) => blocks.push(...caseBlocks(t, c, i + 1)));
  const files = doc.cases.flatMap((c) => c.files);
  blocks.push(heading(k("filesTitle")));
  blocks.push(
    ...(files.length > 0 ? files.map((f, i) => text(`${i + 1}. ${k("fileLine", { ...f, on: date(f.on) })}`)) : [text(k("noFiles"))]),
  );
  blocks.push(text(k("drawnUp", { date: date(doc.date), name: doc.author }), { before: 480 }));
  return blocks;
}

function caseBlocks(t: TFunction, c: CaseFileDocCase, n: number): Block[] {
  const k = (key: string, params?: Record<string, unknown>) => t(`caseFile.${key}`, params);
  const date = formatRussianDate;
  const blocks: Block[] = [
    heading(k("caseTitle", { n, regulation: c.regulation })),
    text(c.closedOn ? k("period", { from: date(c.openedOn), to: date(c.closedOn) }) : k("openSince", { from: date(c.openedOn) })),
    text(k("status", { status: c.status })),
    text(k("teacher", { name: c.teacher })),
    ...(c.deputy ? [text(k("deputy", { name: c.deputy }))] : []),
    ...(c.registeredOn ? [text(k("registeredOn", { date: date(c.registeredOn) }))] : []),
    ...(c.missed ? [text(c.missed)] : []),
    text(k("steps"), { bold: true, before: 120 }),
    tableOf(
      [k("h.n"), k("h.step"), k("h.due"), k("h.mark")],
      c.steps.map((x) => [x.number, x.title, x.dueOn ? date(x.dueOn) : "", x.mark]),
      [7, 45, 16, 32],
    ),
    text(k("told"), { bold: true, before: 120 }),
    c.told.length > 0
      ? tableOf(
          [k("h.date"), k("h.whom"), k("h.about")],
          c.told.map((x) => [date(x.on), x.who, x.what]),
          [16, 34, 50],
        )
      : text(k("noneTold")),
    text(k("chronology"), { bold: true, before: 120 }),
    tableOf(
      [k("h.date"), k("h.who"), k("h.what")],
      c.chronology.map((x) => [date(x.on), x.who, x.what]),
      [16, 26, 58],
    ),
  ];
  if (c.measures.length > 0) {
    blocks.push(
      text(k("measures"), { bold: true, before: 120 }),
      ...c.measures.map((m, i) => text(`${i + 1}. ${m}`, { align: "justify" })),
    );
  }
  if (c.meetings.length > 0) {
    blocks.push(
      text(k("meetings"), { bold: true, before: 120 }),
      ...c.meetings.map((m, i) => text(`${i + 1}. ${m}`, { align: "justify" })),
    );
  }
  if (c.parentMeetings.length > 0) {
    blocks.push(
      text(k("parentMeetings"), { bold: true, before: 120 }),
      ...c.parentMeetings.map((m, i) => text(`${i + 1}. ${m}`, { align: "justify" })),
    );
  }
  if (c.plan.length > 0) {
    blocks.push(
      text(k("plan"), { bold: true, before: 120 }),
      tableOf(
        [k("h.n"), k("h.measure"), k("h.due"), k("h.responsible"), k("h.done")],
        c.plan.map((m, i) => [String(i + 1), m.what, m.dueOn ? date(m.dueOn) : "", m.who, m.doneOn ? date(m.doneOn) : ""]),
        [6, 44, 14, 20, 16],
      ),
    );
  }
  return blocks;
}

export function caseFileDocx(t: TFunction, doc: CaseFileDoc): Promise<Buffer> {
  return renderDocx(caseFileBlocks(t, doc));
}

export function caseFilePdf(t: TFunction, doc: CaseFileDoc): Promise<Buffer> {
  return renderPdf(caseFileBlocks(t, doc), { title: `${t("caseFile.title")}: ${doc.student.fullName}` });
}
