import { startSenderProcess, waitFor } from "../../support/sender-processes.js";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxRepository } from "../../../src/repositories/outbox-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addPerson, seedReminderSchool, TEST_TOKEN } from "../../support/reminder-fixtures.js";
import { PROCESS_TEST_TIMEOUT } from "../../support/run-process.js";
const ROWS = 40;
const BATCH = 5;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** A Bot API on 127.0.0.1 that answers sendMessage after a short delay and counts messages per chat. */
async function startFakeBotApi() {
  const perChat = new Map<number, number>();
  let total = 0;
  let messageId = 1;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : {};
      setTimeout(() => {
        const chat = Number(body.chat_id);
        perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
        total++;
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({ ok: true, result: { message_id: messageId++, date: 0, chat: { id: chat, type: "private" }, text: body.text } }),
        );
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, perChat, total: () => total, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function startSender(apiRoot: string) {
  return startSenderProcess({
    DATABASE_URL: db.url,
    BOT_TOKEN: TEST_TOKEN,
    API_ROOT: apiRoot,
    LEASE_MS: "1500",
    RATE: "40",
    BATCH: String(BATCH),
  });
}

describe("a sender killed mid-batch", () => {
  it("loses nothing and repeats at most the messages that were in flight", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const school = await seedReminderSchool(db.prisma, "Школа SIGKILL");
    const now = new Date();
    const rows = [];
    for (let i = 0; i < ROWS; i++) {
      const person = await addPerson(db.prisma, school.schoolId, `Сотрудник ${i}`, ["specialist"]);
      rows.push({
        key: `crash-${i}`,
        schoolId: school.schoolId,
        userId: person.userId,
        kind: "userUnreachable" as const,
        urgent: false,
        notBefore: now,
        payload: { userId: school.teacher.userId, fullName: "Петрова Анна Сергеевна", teacher: true, date: "2025-11-10" },
      });
    }
    await createOutboxRepository(db.prisma).ensure(rows, { at: now });
    const api = await startFakeBotApi();
    const first = startSender(api.root);
    let second: ReturnType<typeof startSender> | undefined;
    try {
      await waitFor(() => api.total() >= 12, 30_000, first.output);
      first.child.kill("SIGKILL");
      await new Promise((resolve) => first.child.once("exit", resolve));
      const claimedAtDeath = await db.prisma.notification.count({ where: { key: { startsWith: "crash-" }, status: "sending" } });
      expect(claimedAtDeath).toBeLessThanOrEqual(BATCH);

      second = startSender(api.root);
      const sent = () => db.prisma.notification.count({ where: { key: { startsWith: "crash-" }, status: "sent" } });
      await waitFor(async () => (await sent()) === ROWS, 30_000, second.output);

      expect(api.perChat.size).toBe(ROWS);
      const repeated = [...api.perChat.values()].reduce((sum, n) => sum + n - 1, 0);
      expect(repeated).toBeLessThanOrEqual(claimedAtDeath);
    } finally {
      first.child.kill("SIGKILL");
      second?.child.kill("SIGKILL");
      api.server.close();
    }
  });
});
