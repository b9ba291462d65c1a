import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { deliver, type MessageApi } from "../../src/delivery/deliver.js";
import { createPacer } from "../../src/delivery/pacer.js";
import { virtualTime } from "../support/virtual-time.js";

const refusal = (error_code: number, description: string, parameters: Record<string, number> = {}) =>
  new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code, description, parameters }, "sendMessage", {});

/** A Bot API that answers each call with the next scripted outcome (then success). */
function scriptedApi(script: (Error | undefined)[]) {
  const calls: { chatId: number; text: string; at: number; markup: boolean; document?: string }[] = [];
  let clock = () => 0;
  const answer = () => {
    const outcome = script.shift();
    if (outcome) throw outcome;
    return { message_id: 100 + calls.length };
  };
  const api: MessageApi = {
    async sendMessage(chatId, text, other) {
      calls.push({ chatId, text, at: clock(), markup: other?.reply_markup !== undefined });
      return answer();
    },
    async sendDocument(chatId, file, other) {
      calls.push({
        chatId,
        text: other?.caption ?? "",
        at: clock(),
        markup: other?.reply_markup !== undefined,
        document: file.filename ?? "",
      });
      return answer();
    },
  };
  return { api, calls, setClock: (c: () => number) => (clock = c) };
}

async function run(script: (Error | undefined)[], text = "Напоминание", onMigrated?: (from: number, to: number) => Promise<void>) {
  const time = virtualTime();
  const fake = scriptedApi(script);
  fake.setClock(time.clock);
  const pacer = createPacer({ ratePerSecond: 25, clock: time.clock, sleep: time.sleep });
  const result = await time.run(
    deliver(
      fake.api,
      { chatId: 7, text, replyMarkup: { inline_keyboard: [[{ text: "1. Открыть", callback_data: "rm:o:1" }]] } },
      { pacer, sleep: time.sleep, ...(onMigrated ? { onMigrated } : {}) },
    ),
  );
  return { result, calls: fake.calls };
}

describe("delivering one message", () => {
  it("sends a document with the text as its caption and the buttons under it", async () => {
    const time = virtualTime();
    const fake = scriptedApi([]);
    const pacer = createPacer({ ratePerSecond: 25, clock: time.clock, sleep: time.sleep });
    const document = { bytes: Buffer.from("PK"), fileName: "Служебная записка.docx" };
    const result = await time.run(
      deliver(
        fake.api,
        { chatId: 7, text: "Служебная записка", replyMarkup: { inline_keyboard: [] }, document },
        { pacer, sleep: time.sleep },
      ),
    );
    expect(result).toEqual({ kind: "sent", messageIds: [101], chatId: 7 });
    expect(fake.calls).toEqual([{ chatId: 7, text: "Служебная записка", at: 0, markup: true, document: "Служебная записка.docx" }]);
  });

  it("sends a text too long for a caption as messages first, then the document with the buttons", async () => {
    const time = virtualTime();
    const fake = scriptedApi([]);
    const pacer = createPacer({ ratePerSecond: 25, perChatIntervalMs: 0, clock: time.clock, sleep: time.sleep });
    const document = { bytes: Buffer.from("PK"), fileName: "plan.docx" };
    const text = "слово ".repeat(300);
    await time.run(deliver(fake.api, { chatId: 7, text, replyMarkup: { inline_keyboard: [] }, document }, { pacer, sleep: time.sleep }));
    expect(fake.calls.map((c) => [c.document ?? "text", c.markup])).toEqual([
      ["text", false],
      ["plan.docx", true],
    ]);
    expect(fake.calls[0]!.text).toBe(text);
  });

  it("waits out a 429 for retry_after, then sends", async () => {
    const { result, calls } = await run([refusal(429, "Too Many Requests: retry after 3", { retry_after: 3 })]);
    expect(result).toEqual({ kind: "sent", messageIds: [102], chatId: 7 });
    expect(calls.map((c) => c.at)).toEqual([0, 3000]);
  });

  it("gives a message back (not dropped) when Telegram asks to wait longer than the cap", async () => {
    const { result } = await run([refusal(429, "Too Many Requests", { retry_after: 3600 })]);
    expect(result).toMatchObject({ kind: "retryLater", afterMs: 3_600_000 });
  });

  it("retries network errors and 5xx with a growing backoff", async () => {
    const { result, calls } = await run([
      new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")),
      refusal(502, "Bad Gateway"),
      refusal(500, "Internal"),
    ]);
    expect(result).toMatchObject({ kind: "sent" });
    // Backoffs of 0.5, 1 and 2 s, each at least a second after the last try in this chat.
    expect(calls.map((c) => c.at)).toEqual([0, 1000, 2000, 4000]);
  });

  it("gives the message back after too many failures in a row", async () => {
    const { result, calls } = await run(Array.from({ length: 6 }, () => refusal(502, "Bad Gateway")));
    expect(result).toMatchObject({ kind: "retryLater" });
    expect(calls).toHaveLength(6);
  });

  it("reports a blocked user (403) or a chat that never started as unreachable, with no retry", async () => {
    expect((await run([refusal(403, "Forbidden: bot was blocked by the user")])).result).toMatchObject({ kind: "unreachable" });
    const never = await run([refusal(400, "Bad Request: chat not found")]);
    expect(never.result).toMatchObject({ kind: "unreachable" });
    expect(never.calls).toHaveLength(1);
  });

  it("follows a group that migrated to a supergroup", async () => {
    const moved: [number, number][] = [];
    const { result, calls } = await run(
      [refusal(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -100777 })],
      "Текст",
      async (from, to) => {
        moved.push([from, to]);
      },
    );
    expect(moved).toEqual([[7, -100777]]);
    expect(calls.map((c) => c.chatId)).toEqual([7, -100777]);
    expect(result).toMatchObject({ kind: "sent", chatId: -100777 });
  });

  it("refuses for good what can never succeed", async () => {
    const { result, calls } = await run([refusal(400, "Bad Request: can't parse entities")]);
    expect(result).toMatchObject({ kind: "failed" });
    expect(calls).toHaveLength(1);
  });

  it("splits a text over 4096 characters, buttons under the last part, one second apart in one chat", async () => {
    const text = Array.from({ length: 120 }, (_, i) => `${i + 1}. ${"просрочен шаг регламента ".repeat(3).trim()}`).join("\n");
    expect(text.length).toBeGreaterThan(4096);
    const { result, calls } = await run([], text);
    expect(result).toEqual({ kind: "sent", messageIds: [101, 102, 103], chatId: 7 });
    expect(calls.map((c) => [c.text.length <= 4096, c.markup, c.at])).toEqual([
      [true, false, 0],
      [true, false, 1000],
      [true, true, 2000],
    ]);
    expect(calls.map((c) => c.text).join("\n")).toBe(text);
  });
});
