import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_LENGTH, splitText } from "../../src/delivery/split-text.js";

describe("splitting long texts", () => {
  it("leaves a text that fits alone", () => {
    expect(splitText("Коротко.")).toEqual(["Коротко."]);
    expect(splitText("x".repeat(MAX_MESSAGE_LENGTH))).toHaveLength(1);
  });

  it("cuts at paragraph breaks into parts Telegram accepts, losing nothing", () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${"Шаг регламента ".repeat(12).trim()}`);
    const text = paragraphs.join("\n\n");
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= MAX_MESSAGE_LENGTH)).toBe(true);
    expect(parts.join("\n\n")).toBe(text);
    expect(parts.every((p) => /^\d+\. /.test(p))).toBe(true);
  });

  it("cuts a text without breaks anywhere, but never inside an emoji", () => {
    const text = `${"a".repeat(4095)}😀${"b".repeat(10)}`;
    const parts = splitText(text);
    expect(parts).toEqual(["a".repeat(4095), `😀${"b".repeat(10)}`]);
  });
});
