import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type TFunction } from "i18next";

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
  // One translator per language, shared by every update and push. Not i18next's getFixedT: its
  // translator copies the instance's whole options object on every call (a tenth of a card press's
  // CPU with the garbage it leaves, bench/RESULTS.md); this one passes the language and goes straight
  // to the instance's `t`.
  const translators = new Map(LANGUAGES.map((language) => [language, fixedLanguage(instance, language)]));
  return { t: (language) => translators.get(language)! };
}

function fixedLanguage(instance: i18n, language: Language): TFunction {
  const only = { lng: language };
  const fallback = instance.getFixedT(language);
  const translate = (key: string | string[], options?: unknown, ...rest: unknown[]) => {
    if (options === undefined) return instance.t(key, only);
    // Anything but an options object (a default value, say) takes i18next's own overload handling.
    if (typeof options !== "object" || options === null)
      return (fallback as unknown as (...args: unknown[]) => string)(key, options, ...rest);
    return instance.t(key, { ...(options as object), lng: language });
  };
  return translate as unknown as TFunction;
}

/** The profile's choice first, then Telegram's language_code, then Russian. */
export function pickLanguage(profile: string | null | undefined, telegramCode: string | undefined): Language {
  for (const candidate of [profile, telegramCode?.slice(0, 2)]) {
    if (candidate && (LANGUAGES as readonly string[]).includes(candidate)) return candidate as Language;
  }
  return DEFAULT_LANGUAGE;
}
