import { describe, expect, it } from "vitest";
import { formatPhone, normalizePhone, parentName } from "../../../src/domain/people/parents.js";

describe("a parent's phone", () => {
  it.each([
    ["8 (916) 123-45-67", "+79161234567"],
    ["+7 916 123 45 67", "+79161234567"],
    ["79161234567", "+79161234567"],
    ["9161234567", "+79161234567"],
    ["8-495-123-45-67", "+74951234567"],
    ["+375 29 123 45 67", "+375291234567"],
  ])("%s is %s", (typed, stored) => {
    expect(normalizePhone(typed)).toBe(stored);
  });

  it.each(["", "позвонить маме", "123", "+7 916 123", "8 916 123 45 67 89", "1234567890", "+7916123456a"])(
    "«%s» is not a number",
    (typed) => {
      expect(normalizePhone(typed)).toBeUndefined();
    },
  );

  it("is written as a school writes it", () => {
    expect(formatPhone("+79161234567")).toBe("+7 (916) 123-45-67");
    expect(formatPhone("+375291234567")).toBe("+375291234567");
  });
});

describe("a parent's name", () => {
  it("keeps letters, hyphens and dots, folds spaces, refuses the rest", () => {
    expect(parentName("  Иванова   Мария  Петровна ")).toBe("Иванова Мария Петровна");
    expect(parentName("Салтыков-Щедрин М. Е.")).toBe("Салтыков-Щедрин М. Е.");
    expect(parentName("")).toBeUndefined();
    expect(parentName("<b>мама</b>")).toBeUndefined();
    expect(parentName("8 916 123 45 67")).toBeUndefined();
    expect(parentName("Я".repeat(151))).toBeUndefined();
  });
});
