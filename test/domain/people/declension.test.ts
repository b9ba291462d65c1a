import { describe, expect, it } from "vitest";
import { declineName, nameInCase, readOwnForms } from "../../../src/domain/people/declension.js";

describe("declineName: tricky names", () => {
  // name, sure, dative, genitive, instrumental
  const table: [string, boolean, string, string, string][] = [
    ["Кузнецова Елена Викторовна", true, "Кузнецовой Елене Викторовне", "Кузнецовой Елены Викторовны", "Кузнецовой Еленой Викторовной"],
    ["Сидорова Анна", true, "Сидоровой Анне", "Сидоровой Анны", "Сидоровой Анной"],
    [
      "Иванова-Петрова Мария Ивановна",
      true,
      "Ивановой-Петровой Марии Ивановне",
      "Ивановой-Петровой Марии Ивановны",
      "Ивановой-Петровой Марией Ивановной",
    ],
    ["Ким Ольга Андреевна", true, "Ким Ольге Андреевне", "Ким Ольги Андреевны", "Ким Ольгой Андреевной"],
    ["Ким Лев", true, "Киму Льву", "Кима Льва", "Кимом Львом"],
    ["Дюма Александр", true, "Дюма Александру", "Дюма Александра", "Дюма Александром"],
    ["Черных Ирина Олеговна", true, "Черных Ирине Олеговне", "Черных Ирины Олеговны", "Черных Ириной Олеговной"],
    ["Черных Иван Петрович", true, "Черных Ивану Петровичу", "Черных Ивана Петровича", "Черных Иваном Петровичем"],
    ["Шевченко Тарас Григорьевич", true, "Шевченко Тарасу Григорьевичу", "Шевченко Тараса Григорьевича", "Шевченко Тарасом Григорьевичем"],
    [
      "Бонч-Бруевич Михаил Дмитриевич",
      true,
      "Бончу-Бруевичу Михаилу Дмитриевичу",
      "Бонча-Бруевича Михаила Дмитриевича",
      "Бончем-Бруевичем Михаилом Дмитриевичем",
    ],
    ["Цой Виктор Робертович", true, "Цою Виктору Робертовичу", "Цоя Виктора Робертовича", "Цоем Виктором Робертовичем"],
    ["Ёлкина Наталья Сергеевна", true, "Ёлкиной Наталье Сергеевне", "Ёлкиной Натальи Сергеевны", "Ёлкиной Натальей Сергеевной"],
    ["Алиев Ильхам Гейдар оглы", true, "Алиеву Ильхаму Гейдар оглы", "Алиева Ильхама Гейдар оглы", "Алиевым Ильхамом Гейдар оглы"],
    ["Алиев Ильхам Гейдар-оглы", true, "Алиеву Ильхаму Гейдар-оглы", "Алиева Ильхама Гейдар-оглы", "Алиевым Ильхамом Гейдар-оглы"],
    ["Мамедова Севиль Гейдар кызы", true, "Мамедовой Севиль Гейдар кызы", "Мамедовой Севиль Гейдар кызы", "Мамедовой Севиль Гейдар кызы"],
    // Initials: the surname's plain type tells the gender; initials are never declined.
    ["Иванов П. С.", true, "Иванову П. С.", "Иванова П. С.", "Ивановым П. С."],
    ["Иванова П. С.", true, "Ивановой П. С.", "Ивановой П. С.", "Ивановой П. С."],
    // Not in Cyrillic: stays as written.
    ["Smirnova Ekaterina", true, "Smirnova Ekaterina", "Smirnova Ekaterina", "Smirnova Ekaterina"],
  ];
  it.each(table)("%s", (name, sure, dative, genitive, instrumental) => {
    const declined = declineName(name);
    expect(declined.sure).toBe(sure);
    expect(declined.forms).toEqual({ dative, genitive, instrumental });
    expect(declined.variants).toEqual([]);
  });

  it("is not sure when the gender is unknown, and offers a guess for each reading the given names allow", () => {
    // «Лев» may be a man's surname; with «Анна» it is a woman's, which does not decline.
    const lev = declineName("Лев Анна");
    expect(lev.sure).toBe(false);
    expect(lev.gender).toBeUndefined();
    expect(lev.variants).toEqual([{ dative: "Лев Анне", genitive: "Лев Анны", instrumental: "Лев Анной" }]);
    expect(declineName("Лев Анна Петровна")).toMatchObject({ sure: false, variants: [{ dative: "Лев Анне Петровне" }] });
    // Only the surname says «a man», and «Лев» is no plain man's surname.
    expect(declineName("Лев Саша")).toMatchObject({ sure: false, variants: [{ dative: "Леву Саше" }, { dative: "Лев Саше" }] });
    expect(declineName("Смирнов Саша")).toMatchObject({ sure: true, forms: { dative: "Смирнову Саше" } });
    // Either gender: both readings.
    expect(declineName("Ким Саша")).toMatchObject({ sure: false, variants: [{ dative: "Киму Саше" }, { dative: "Ким Саше" }] });
    expect(declineName("Лев А. П.")).toMatchObject({ sure: false, variants: [{ dative: "Леву А. П." }, { dative: "Лев А. П." }] });
  });

  it("is not sure when a man's surname ending in a consonant is left as it is", () => {
    const gus = declineName("Гусь Павел Ильич");
    expect(gus.sure).toBe(false);
    expect(gus.gender).toBe("male");
    expect(gus.variants).toEqual([gus.forms]);
    expect(gus.forms.dative).toBe("Гусь Павлу Ильичу");
    // A woman's such surname is rightly left as it is.
    expect(declineName("Гусь Анна Ивановна")).toMatchObject({ sure: true, forms: { dative: "Гусь Анне Ивановне" } });
  });

  it("is not sure of a surname alone", () => {
    expect(declineName("Кузнецова").sure).toBe(false);
    expect(declineName("  ").sure).toBe(false);
  });
});

describe("nameInCase", () => {
  it("takes the person's own form first, then the library's when sure, else nothing", () => {
    expect(nameInCase("Лев Анна", "dative", { dative: "Лев Анне", genitive: "Лев Анны" })).toBe("Лев Анне");
    expect(nameInCase("Лев Анна", "genitive", { dative: "Лев Анне", genitive: "Лев Анны" })).toBe("Лев Анны");
    expect(nameInCase("Лев Анна", "dative")).toBeUndefined();
    expect(nameInCase("Лев Анна", "instrumental", { dative: "Лев Анне", genitive: "Лев Анны" })).toBeUndefined();
    expect(nameInCase("Кузнецова Елена Викторовна", "dative", { dative: null })).toBe("Кузнецовой Елене Викторовне");
  });
});

describe("readOwnForms", () => {
  it("takes two forms with as many words as the name", () => {
    expect(readOwnForms("Гусь Павел Ильич", " Гусю  Павлу Ильичу", "Гуся Павла Ильича")).toEqual({
      dative: "Гусю Павлу Ильичу",
      genitive: "Гуся Павла Ильича",
    });
    expect(readOwnForms("Гусь Павел Ильич", "Гусю Павлу", "Гуся Павла Ильича")).toBeUndefined();
    expect(readOwnForms("Гусь Павел Ильич", "Гусю Павлу Ильичу", "123 Павла Ильича")).toBeUndefined();
  });
});
