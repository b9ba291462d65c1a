import type { TFunction } from "i18next";
import type { LocalDate } from "../domain/dates.js";

export type DocumentKind = "memo" | "infoPack" | "plan" | "caseFile";

/**
 * «Служебная записка Иванов 7Б 2026-11-18.docx»: the school's paperwork is named in Russian (pass
 * the Russian translator), by kind, the student's surname, the class and the date.
 */
export function documentFileName(
  ru: TFunction,
  kind: DocumentKind,
  studentName: string | undefined,
  classLabel: string | undefined,
  date: LocalDate,
): string {
  const surname = studentName?.trim().split(/\s+/)[0] ?? "";
  return `${ru(`documents.fileNames.${kind}`)} ${surname} ${classLabel ?? ""} ${date}.docx`.replace(/\s+/g, " ");
}
