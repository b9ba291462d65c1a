import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../../src/bot/start-bot.js";
import { createHarness } from "../support/bot-harness.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

describe("BOT_RECEIVE=none", () => {
  it("serves /healthz but never asks Telegram for updates nor touches the webhook, even when one is configured", async () => {
    const h = createHarness({ db: db.prisma });
    const port = await freePort();
    const running = await startBot({
      bot: h.bot,
      logger: h.deps.logger,
      receive: "none",
      webhook: { url: "https://bot.example/tg/hook", secret: "s3cret-token_value" },
      httpPort: port,
      health: async () => true,
    });
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
      expect((await fetch(`http://127.0.0.1:${port}/tg/hook`, { method: "POST", body: "{}" })).status).toBe(404);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await running.stop();
    }
    expect(h.telegram.calls.map((c) => c.method)).toEqual([]);
  });
});
