import type { TFunction } from "i18next";
import { formatRussianDate } from "../domain/dates.js";
import type { MeasureFacts } from "../domain/difficulty/measure.js";

/**
 * One measure as a line: «12.11.2026 — с родителями (Сидорова А. В., мать), личная встреча: беседа …
 * Результат: …». Brackets typed in the person's name become commas, so the line never has them doubled.
 */
export function measureLine(t: TFunction, measure: MeasureFacts): string {
  const form = measure.form ? t("memo.measureForm", { form: t(`forms.${measure.form}`) }) : "";
  const person = measure.person ? t("memo.measurePerson", { person: unbracketed(measure.person) }) : "";
  const result = measure.result ? t("memo.measureResult", { result: withoutFinalStop(measure.result) }) : "";
  return t("memo.measureLine", {
    date: formatRussianDate(measure.on),
    withWhom: t(`memo.partners.${measure.withWhom}`),
    person,
    form,
    what: result ? withoutFinalStop(measure.what) : measure.what,
    result,
  });
}

/** «Иванова Е. П. (мать)» → «Иванова Е. П., мать». */
function unbracketed(text: string): string {
  return text
    .replace(/\s*\(\s*/g, ", ")
    .replace(/\s*\)\s*/g, " ")
    .replace(/^,\s*/, "")
    .trim();
}

function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.\s]+$/, "");
}
