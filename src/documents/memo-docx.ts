import type { TFunction } from "i18next";
import { formatRussianDate, type LocalDate } from "../domain/dates.js";
import { surnameInCaseWithInitials } from "../domain/people/names.js";
import { packDocument, para, signatureName } from "./docx-basics.js";
import type { MeasureFacts } from "../domain/difficulty/measure.js";
import { measureLine } from "./measure-line.js";

/** What the memo to the deputy (section II.2) says; names in full, dates as the school's. */
export interface MemoData {
  deputyName?: string;
  /** «Кому»: the deputy's name in the dative, when known (their own form, or the library's when sure). */
  deputyNameDative?: string;
  /** Whose post the addressee line names: the deputy the school named for learning, or a deputy it named for nothing. */
  deputyPost?: "learning" | "other";
  teacherName: string;
  /** «От кого»: the teacher's name in the genitive, when known. */
  teacherNameGenitive?: string;
  classLabel: string;
  studentName: string;
  /** «С обучающимся …»: when the library is sure of it; else the sentence names the student in the nominative. */
  studentNameInstrumental?: string;
  studentGender?: "male" | "female";
  situation: string;
  request: string;
  measures: readonly MeasureFacts[];
  date: LocalDate;
}

/** The служебная записка as a DOCX, laid out the way schools write it (see domain.md). */
export function memoDocx(t: TFunction, data: MemoData): Promise<Buffer> {
  const measures =
    data.measures.length > 0
      ? data.measures.map((m, i) => para(`${i + 1}. ${measureLine(t, m)}`, { align: "justify" }))
      : [para(t("memo.noMeasures"), { align: "justify" })];
  return packDocument([
    para(t(data.deputyPost === "learning" ? "memo.toLearning" : data.deputyPost === "other" ? "memo.toDeputy" : "memo.to"), {
      align: "right",
    }),
    para(data.deputyName ? nameLine(data.deputyName, data.deputyNameDative) : "", { align: "right" }),
    para(t("memo.from", { classLabel: data.classLabel }), { align: "right" }),
    para(nameLine(data.teacherName, data.teacherNameGenitive), { align: "right" }),
    para(t("memo.title"), { align: "center", bold: true, before: 480 }),
    para(subjectLine(t, data), { align: "center" }),
    para(studentSentence(t, data), { align: "justify", indent: true, before: 240 }),
    para(t("memo.situation", { situation: data.situation }), { align: "justify", indent: true }),
    para(t("memo.measuresTitle"), { align: "justify", indent: true }),
    ...measures,
    para(t("memo.request", { request: data.request }), { align: "justify", indent: true }),
    para(formatRussianDate(data.date), { before: 480 }),
    para(t("memo.signature", { classLabel: data.classLabel, name: signatureName(data.teacherName) })),
  ]);
}

/** A name under «Заместителю директора» or «от классного руководителя»: «Кузнецовой Е. В.» when its case is known, else as it is. */
function nameLine(name: string, inCase: string | undefined): string {
  return inCase ? surnameInCaseWithInitials(name, inCase) : name;
}

/** «О ситуации с обучающимся 7Б класса Ивановым Петром» (surname and name), or the name after a colon when it is not sure. */
function subjectLine(t: TFunction, data: MemoData): string {
  const params = { student: data.studentName, classLabel: data.classLabel };
  if (!data.studentNameInstrumental) return t("memo.subjectNamed", params);
  const surnameAndName = data.studentNameInstrumental.split(/\s+/).slice(0, 2).join(" ");
  return t("memo.subject", { ...params, studentInstrumental: surnameAndName, context: data.studentGender });
}

/** «…ситуацию с обучающимся 7Б класса Ивановым Петром Сергеевичем», or the name after a colon when it is not sure. */
function studentSentence(t: TFunction, data: MemoData): string {
  const params = { student: data.studentName, classLabel: data.classLabel };
  if (!data.studentNameInstrumental) return t("memo.studentNamed", params);
  return t("memo.student", { ...params, studentInstrumental: data.studentNameInstrumental, context: data.studentGender });
}
