import { describe, expect, it } from "vitest";
import { createPacer } from "../../src/delivery/pacer.js";
import { virtualTime } from "../support/virtual-time.js";

async function sendAll(chats: number[], options: { rate: number; pauseAt?: { index: number; ms: number } }) {
  const time = virtualTime();
  const pacer = createPacer({ ratePerSecond: options.rate, clock: time.clock, sleep: time.sleep });
  const sent: { chat: number; at: number }[] = [];
  await time.run(
    Promise.all(
      chats.map(async (chat, index) => {
        await pacer.acquire(chat);
        sent.push({ chat, at: time.clock() });
        if (options.pauseAt?.index === index) pacer.pause(options.pauseAt.ms);
      }),
    ),
  );
  return sent;
}

describe("pacing", () => {
  it("keeps the overall rate", async () => {
    const sent = await sendAll(
      Array.from({ length: 50 }, (_, i) => i),
      { rate: 25 },
    );
    expect(sent.map((s) => s.at)).toEqual(Array.from({ length: 50 }, (_, i) => i * 40));
  });

  it("sends at most one message a second to one chat, letting other chats through meanwhile", async () => {
    const sent = await sendAll([1, 1, 1, 2, 3], { rate: 25 });
    const toOne = sent.filter((s) => s.chat === 1).map((s) => s.at);
    expect(toOne).toEqual([0, 1000, 2000]);
    expect(sent.filter((s) => s.chat !== 1).every((s) => s.at < 1000)).toBe(true);
  });

  it("holds every send during a pause (Telegram's retry_after)", async () => {
    const sent = await sendAll([1, 2, 3, 4], { rate: 10, pauseAt: { index: 0, ms: 3000 } });
    expect(sent.map((s) => s.at)).toEqual([0, 3000, 3100, 3200]);
  });
});
