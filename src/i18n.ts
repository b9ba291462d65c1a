import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type TFunction } from "i18next";

export const LANGUAGES = ["ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "ru";

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../locales");

export function readLocale(language: Language): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(localesDir, `${language}.json`), "utf8")) as Record<string, unknown>;
}

export interface I18n {
  /** A translator fixed to one language (never a global switch of the instance's language). */
  t(language: Language): TFunction;
}

export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: readLocale(l) }])),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // A fixed translator holds no per-call state: one per language, shared by every update and push.
  const translators = new Map(LANGUAGES.map((language) => [language, instance.getFixedT(language)]));
  return { t: (language) => translators.get(language)! };
}

/** The profile's choice first, then Telegram's language_code, then Russian. */
export function pickLanguage(profile: string | null | undefined, telegramCode: string | undefined): Language {
  for (const candidate of [profile, telegramCode?.slice(0, 2)]) {
    if (candidate && (LANGUAGES as readonly string[]).includes(candidate)) return candidate as Language;
  }
  return DEFAULT_LANGUAGE;
}
