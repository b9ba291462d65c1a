import type { RegulationStep } from "../../domain/regulation/schema.js";
import type { Language } from "../../i18n.js";
import { truncate } from "./format.js";

/** Weekly steps never recorded, for the closing dialogue: «6 «Контроль ИПР», 7 «Связь с семьёй»»; "" when none. */
export function gapStepsText(lang: Language, steps: readonly RegulationStep[]): string {
  const [open, close] = lang === "ru" ? ["«", "»"] : ["“", "”"];
  return steps.map((s) => `${s.number} ${open}${s.title?.[lang] ?? truncate(s.text[lang], 40)}${close}`).join(", ");
}
