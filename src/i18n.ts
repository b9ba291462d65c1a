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
  /** A translator fixed to one language: one per update or push, never a global switch. */
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
  const translators = new Map<Language, TFunction>();
  return {
    t: (language) => {
      let t = translators.get(language);
      if (!t) translators.set(language, (t = fixedTranslator(instance, language)));
      return t;
    },
  };
}

type I18nInstance = ReturnType<typeof i18next.createInstance>;

/**
 * What `instance.getFixedT(language)` returns, minus its cost: for every call of ours (a string key,
 * no options or plain options) it hands `instance.t` exactly the options getFixedT's translator
 * would — yet without copying all of i18next's options into a new object on every call, which made
 * a lookup ~3× slower. Anything else (key arrays, selectors, options naming a language,
 * namespace or key prefix, defaults as strings) goes to getFixedT's own translator.
 */
function fixedTranslator(instance: I18nInstance, language: Language): TFunction {
  const fixed = instance.getFixedT(language) as unknown as (...args: unknown[]) => unknown;
  const t = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (typeof key === "string" && rest.length === 0 && (options === undefined || isPlainOptions(options))) {
      return instance.t(key, { ...(options as object | undefined), lng: language, lngs: undefined, ns: undefined, keyPrefix: undefined });
    }
    return fixed(key, options, ...rest);
  };
  return Object.assign(t, { lng: language, ns: undefined, keyPrefix: undefined }) as unknown as TFunction;
}

function isPlainOptions(options: unknown): options is Record<string, unknown> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) return false;
  const o = options as Record<string, unknown>;
  return o.lng === undefined && o.lngs === undefined && o.ns === undefined && o.keyPrefix === undefined;
}

/** The profile's choice first, then Telegram's language_code, then Russian. */
export function pickLanguage(profile: string | null | undefined, telegramCode: string | undefined): Language {
  for (const candidate of [profile, telegramCode?.slice(0, 2)]) {
    if (candidate && (LANGUAGES as readonly string[]).includes(candidate)) return candidate as Language;
  }
  return DEFAULT_LANGUAGE;
}
