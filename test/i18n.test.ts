import { describe, expect, it } from "vitest";
import { createI18n, pickLanguage, readLocale } from "../src/i18n.js";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

/** Plural suffixes differ by language (ru: one/few/many/other, en: one/other); compare the stems. */
function stems(keys: string[]): Set<string> {
  return new Set(keys.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")));
}

describe("locales", () => {
  const ru = keysOf(readLocale("ru"));
  const en = keysOf(readLocale("en"));

  it("have the same keys in Russian and English", () => {
    const [ruStems, enStems] = [stems(ru), stems(en)];
    const missingInEn = [...ruStems].filter((k) => !enStems.has(k));
    const missingInRu = [...enStems].filter((k) => !ruStems.has(k));
    expect({ missingInEn, missingInRu }).toEqual({ missingInEn: [], missingInRu: [] });
  });

  it("give every Russian plural all four forms and every English plural both", () => {
    for (const stem of stems(ru.filter((k) => /_(one|few|many|other)$/.test(k)))) {
      expect(ru, stem).toEqual(expect.arrayContaining(["one", "few", "many", "other"].map((f) => `${stem}_${f}`)));
    }
    for (const stem of stems(en.filter((k) => /_(one|other)$/.test(k)))) {
      expect(en, stem).toEqual(expect.arrayContaining([`${stem}_one`, `${stem}_other`]));
    }
  });

  it("have no empty strings", () => {
    for (const language of ["ru", "en"] as const) {
      const locale = readLocale(language);
      const empty = keysOf(locale).filter((k) => {
        const value = k.split(".").reduce<any>((node, part) => node[part], locale);
        return typeof value === "string" && value.trim() === "";
      });
      expect(empty, language).toEqual([]);
    }
  });
});

describe("Russian plurals", () => {
  const t = createI18n().t("ru");
  it.each([
    [1, "1 день"],
    [2, "2 дня"],
    [4, "4 дня"],
    [5, "5 дней"],
    [11, "11 дней"],
    [12, "12 дней"],
    [21, "21 день"],
    [22, "22 дня"],
    [25, "25 дней"],
    [101, "101 день"],
    [111, "111 дней"],
  ])("%i → %s", (count, text) => {
    expect(t("common.days", { count })).toBe(text);
  });

  it("says school days correctly", () => {
    expect([1, 3, 10, 21].map((count) => t("common.schoolDays", { count }))).toEqual([
      "1 учебный день",
      "3 учебных дня",
      "10 учебных дней",
      "21 учебный день",
    ]);
  });

  it("and English ones", () => {
    const en = createI18n().t("en");
    expect([1, 2].map((count) => en("common.days", { count }))).toEqual(["1 day", "2 days"]);
  });

  it("keeps each translator to its language, whatever the other is asked meanwhile", () => {
    const i18n = createI18n();
    const [ru, en] = [i18n.t("ru"), i18n.t("en")];
    expect([ru("common.days", { count: 2 }), en("common.days", { count: 2 }), ru("common.days", { count: 5 })]).toEqual([
      "2 дня",
      "2 days",
      "5 дней",
    ]);
    // A default value given instead of options is kept (i18next's own overload).
    expect(en("no.such.key", "as given")).toBe("as given");
  });
});

describe("language choice", () => {
  it.each([
    ["en", "ru", "en"],
    [null, "en-GB", "en"],
    [null, "de", "ru"],
    [undefined, undefined, "ru"],
    ["ru", "en", "ru"],
  ] as const)("profile %s, Telegram %s → %s", (profile, telegram, expected) => {
    expect(pickLanguage(profile, telegram)).toBe(expected);
  });
});
