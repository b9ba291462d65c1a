import type { TFunction } from "i18next";
import type { Regulation } from "../../domain/regulation/schema.js";
import type { Language } from "../../i18n.js";

/**
 * «📖 Подробнее»: the regulation in its own words — the full title, the source, when it applies,
 * and every step verbatim with its deadline as the document words it. The card shows titles only.
 */
export function regulationText(t: TFunction, lang: Language, regulation: Regulation): string {
  const head = [
    t("card.details.title", { title: regulation.title[lang] }),
    t("card.details.source", { source: regulation.source[lang] }),
    t("card.details.trigger", { trigger: regulation.trigger[lang] }),
  ].join("\n");
  const steps = regulation.steps.map((step) => {
    const lines = [t("card.details.step", { number: step.number, title: step.title?.[lang] ?? "" }).trim(), step.text[lang]];
    if (step.deadlineText) lines.push(t("card.details.deadline", { deadline: step.deadlineText[lang] }));
    return lines.join("\n");
  });
  return [head, ...steps].join("\n\n");
}
