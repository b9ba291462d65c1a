import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createHarness, TEST_TOKEN } from "../support/bot-harness.js";
import { movableClock, seedCaseWorld } from "../support/case-fixtures.js";
import { startBot } from "../../src/bot/start-bot.js";

let db: TestDatabase;
const clock = movableClock("2026-11-16");

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

describe("the log of a full flow", () => {
  it("holds no bot token, database password or student name", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9700, now: clock.now });
    const admin = await world.addPerson(9705, "Админова Анна", ["admin"]);
    const caseId = await world.openCase({ openedOn: "2026-11-16" });
    const h = createHarness({ db: db.prisma, now: clock.now });
    const teacher = h.user({ id: 9700, first_name: "Ольга", language_code: "ru" });
    const adminChat = h.user({ id: admin.telegramId, first_name: "Анна", language_code: "ru" });
    const stranger = h.user({ id: 9799, first_name: "Чужой", language_code: "ru" });
    await teacher.send("/start");
    await teacher.send("/case Иванов");
    await teacher.send("Смирнова");
    await teacher.inlineQuery("Иванов");
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.pressData(`cc:d:${caseId}:0`);
    await stranger.pressData(`cc:o:${caseId}`);
    // Refusals are logged with their detail: the log must still name no one.
    await teacher.pressData(`cc:o:99999`);
    await teacher.pressData(`cc:fd:${caseId}:40:1`);
    await stranger.send("/case Иванов");
    await adminChat.send("/admin");
    await adminChat.pressData("adm:st");
    await adminChat.send("Иванов");
    await adminChat.pressData(`adm:sx:${world.studentIds[0]}`);
    await adminChat.pressData("adm:a");
    await adminChat.send("01.11.2026–30.11.2026");
    const log = h.logLines.join("");
    expect(h.logLines.length).toBeGreaterThan(0);
    expect(log).not.toContain(TEST_TOKEN);
    expect(log).not.toContain(TEST_TOKEN.split(":")[1]!);
    const password = new URL(db.url.startsWith("postgres") ? db.url : "postgresql://u:x@h/d").password;
    if (password) expect(log).not.toContain(password);
    for (const name of ["Иванов", "Смирнова", "Пётр", "Петр"]) expect(log).not.toContain(name);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

describe("webhook mode", () => {
  it("refuses updates without Telegram's secret token header or with a wrong one", async () => {
    const h = createHarness({ db: db.prisma, now: clock.now });
    const port = await freePort();
    const running = await startBot({
      bot: h.bot,
      logger: h.deps.logger,
      webhook: { url: "https://bot.example/tg/hook", secret: "s3cret-token_value" },
      httpPort: port,
      health: async () => true,
    });
    try {
      const update = JSON.stringify({
        update_id: 1,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 9799, type: "private" },
          from: { id: 9799, is_bot: false, first_name: "X" },
          text: "/start",
        },
      });
      const post = (headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${port}/tg/hook`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: update,
        });
      h.telegram.clear();
      expect((await post({})).status).toBe(401);
      expect((await post({ "X-Telegram-Bot-Api-Secret-Token": "wrong" })).status).toBe(401);
      expect(h.telegram.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
      expect((await post({ "X-Telegram-Bot-Api-Secret-Token": "s3cret-token_value" })).status).toBe(200);
      expect(h.telegram.calls.some((c) => c.method === "sendMessage")).toBe(true);
    } finally {
      await running.stop();
    }
    // Other instances behind the same URL keep the webhook: stopping one never deletes it.
    expect(h.telegram.calls.some((c) => c.method === "deleteWebhook" || c.method === "getUpdates")).toBe(false);
  });
});
