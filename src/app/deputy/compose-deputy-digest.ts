import type { TFunction } from "i18next";
import type { CallbackButton } from "../../domain/messages/inline-keyboard.js";
import { formatRussianDate, weekday } from "../../domain/dates.js";
import type { OutboxItem } from "../../domain/reminders/group-messages.js";
import type { DeputyDigestItem, DeputyDigestPayload } from "../../domain/reminders/notification.js";
import type { Language } from "../../i18n.js";
import { DEPUTY_DATA, MAX_OPEN_BUTTONS, OPEN_BUTTONS_PER_ROW } from "./deputy-data.js";

/** The morning digest as one message: three short sections, a numbered button per case, and the early warning's students. */
export function composeDeputyDigest(
  t: TFunction,
  lang: Language,
  item: OutboxItem,
): { text: string; replyMarkup?: { inline_keyboard: CallbackButton[][] } } {
  const p = item.payload as DeputyDigestPayload;
  const date = t("deputy.digestDate", {
    date: `${p.date.slice(8, 10)}.${p.date.slice(5, 7)}`,
    weekday: t(`common.weekdays.${weekday(p.date)}`),
  });
  const lines = [t("deputy.digestTitle", { date })];
  const numbered = new Map<number, number>();
  const numberOf = (caseId: number) => {
    if (!numbered.has(caseId)) numbered.set(caseId, numbered.size + 1);
    return numbered.get(caseId)!;
  };
  const section = (key: string, items: readonly DeputyDigestItem[]) => {
    if (items.length === 0) return;
    lines.push("", t(key, { count: items.length }));
    for (const i of items) {
      const subject = [i.subject.name, i.subject.classLabel].filter(Boolean).join(", ");
      const title = i.stepTitle?.[lang];
      const step = i.stepNumber ? t(title ? "deputy.digestStepTitled" : "deputy.digestStep", { number: i.stepNumber, title }) : "";
      lines.push(`${numberOf(i.caseId)}. ${[subject, step].filter(Boolean).join(" — ")}`);
    }
  };
  section("deputy.digestNew", p.newCases);
  section("deputy.digestEscalations", p.escalations);
  section("deputy.digestDueToday", p.dueToday);
  if (p.atRisk && p.atRisk.length > 0) {
    lines.push("", t("deputy.digestAtRisk", { count: p.atRisk.length }));
    for (const s of p.atRisk) {
      const line = t("deputy.digestAtRiskLine", {
        subject: [s.subject.name, s.subject.classLabel].filter(Boolean).join(", "),
        count: s.days,
      });
      // The class teacher's «Связался с семьёй» for this run, if pressed.
      lines.push(s.contactedOn ? `${line}${t("deputy.digestAtRiskContacted", { date: formatRussianDate(s.contactedOn) })}` : line);
    }
  }
  const buttons = [...numbered]
    .slice(0, MAX_OPEN_BUTTONS)
    .map(([caseId, n]) => ({ text: t("deputy.open", { n }), callback_data: DEPUTY_DATA.open(caseId) }));
  const rows: CallbackButton[][] = [];
  for (let i = 0; i < buttons.length; i += OPEN_BUTTONS_PER_ROW) rows.push(buttons.slice(i, i + OPEN_BUTTONS_PER_ROW));
  return { text: lines.join("\n"), ...(rows.length > 0 ? { replyMarkup: { inline_keyboard: rows } } : {}) };
}
