import type { TFunction } from "i18next";
import { formatRussianDate, weekday, type LocalDate } from "../../domain/dates.js";

/** "25.11" */
export function shortDate(date: LocalDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}`;
}

/** "25.11.2026" */
export function fullDate(date: LocalDate): string {
  return formatRussianDate(date);
}

/** «до 25.11 (пн)» */
export function dueText(t: TFunction, date: LocalDate): string {
  return t("card.due", { date: shortDate(date), weekday: t(`common.weekdays.${weekday(date)}`) });
}

/** «с 28.11 до 02.12» */
export function windowText(t: TFunction, from: LocalDate, to: LocalDate): string {
  return t("card.window", { from: shortDate(from), to: shortDate(to) });
}

export { shortName, subjectLabel } from "../../domain/people/names.js";

/** Cuts at a word boundary and adds "…" when `text` is longer than `max`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…";
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:—-]+$/, "")}…`;
}
