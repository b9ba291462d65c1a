import type { TFunction } from "i18next";
import type { LookupCase } from "../../app/cases/lookup-cases.js";
import { formatRussianDate } from "../../domain/dates.js";
import type { RegulationCatalog } from "../../domain/regulation/catalog.js";
import type { Language } from "../../i18n.js";
import { shortTitle } from "./case-list-view.js";

/** "Иванов Пётр Сергеевич" → "Иванов П.": what may travel to other chats (inline results). */
export function shortStudentName(fullName: string): string {
  const [surname = "", first] = fullName.trim().split(/\s+/);
  return first ? `${surname} ${first[0]!.toUpperCase()}.` : surname;
}

/** A regulation's short name by id, the same as the case lists show («Пропуски (крит. 22)»). */
export function regulationShortTitle(t: TFunction, lang: Language, regulations: RegulationCatalog, regulationId: string): string {
  return regulations.has(regulationId) ? shortTitle(t, lang, regulations.current(regulationId)) : regulationId;
}

/** "открыт, шаг 3", "открыт" or "закрыт 10.12.2025". */
export function caseStatusText(t: TFunction, c: Pick<LookupCase, "status" | "nextStepNumber" | "closedOn">): string {
  if (c.status === "closed") return t("lookup.statusClosed", { date: c.closedOn ? formatRussianDate(c.closedOn) : "" }).trim();
  return c.nextStepNumber ? t("lookup.statusOpenStep", { step: c.nextStepNumber }) : t("lookup.statusOpen");
}
