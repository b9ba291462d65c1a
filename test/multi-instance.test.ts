import { waitFor } from "./support/sender-processes.js";
import http from "node:http";
import path from "node:path";
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { tsNode } from "./support/run-process.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxRepository } from "../src/repositories/outbox-repository.js";
import { TEST_BOT_INFO } from "./support/fake-telegram.js";
import { addPerson, seedReminderSchool, type Person } from "./support/reminder-fixtures.js";
import { createTestDatabase, type TestDatabase } from "./support/test-database.js";

/*
 * Two real bot processes (`src/main.ts`) on one database: one long-polling, one with
 * BOT_RECEIVE=none. Each has its own token, so the Bot API stand-in knows who made every call.
 */

const root = path.resolve(import.meta.dirname, "..");
const POLLER_TOKEN = "123456:ABC-poller_instance_0123456789";
const QUIET_TOKEN = "654321:ABC-quiet_instance_0123456789";
const RECEIVING_METHODS = ["getUpdates", "setWebhook", "deleteWebhook"];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

interface Call {
  token: string;
  method: string;
  body: any;
}

/**
 * A Bot API on 127.0.0.1: getUpdates long-polls briefly and finds nothing; the poller's getMe is
 * held until `releasePoller()`, so the test decides when that instance gets going.
 */
async function startFakeBotApi() {
  const calls: Call[] = [];
  let releasePoller!: () => void;
  const pollerMayStart = new Promise<void>((resolve) => (releasePoller = resolve));
  let messageId = 1;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      res.setHeader("content-type", "application/json");
      if (!match) return res.writeHead(404).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      const [, token, method] = match as unknown as [string, string, string];
      const body = raw ? JSON.parse(raw) : {};
      calls.push({ token, method, body });
      const reply = (result: unknown) => res.end(JSON.stringify({ ok: true, result }));
      switch (method) {
        case "getMe":
          if (token === POLLER_TOKEN) await pollerMayStart;
          return reply(TEST_BOT_INFO);
        case "getUpdates":
          return setTimeout(() => reply([]), 200);
        case "sendMessage":
          return setTimeout(
            () => reply({ message_id: messageId++, date: 0, chat: { id: body.chat_id, type: "private" }, text: body.text }),
            10,
          );
        default:
          return reply(true);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, calls, releasePoller, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function startInstance(apiRoot: string, token: string, receive: "polling" | "none") {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BOT_TOKEN: token,
    BOT_RECEIVE: receive,
    TELEGRAM_API_ROOT: apiRoot,
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: "3",
    SEND_RATE_PER_SECOND: "100",
    LOG_LEVEL: "info",
  };
  for (const name of ["WEBHOOK_URL", "WEBHOOK_SECRET", "HTTP_PORT", "ADMIN_IDS", "REGULATIONS_DIR", "CALENDAR_DIR"]) delete env[name];
  const child = spawn(...tsNode("src/main.ts"), { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function queue(schoolId: number, about: Person, people: Person[], prefix: string) {
  const now = new Date();
  await createOutboxRepository(db.prisma).ensure(
    people.map((person, i) => ({
      key: `${prefix}-${i}`,
      schoolId,
      userId: person.userId,
      kind: "userUnreachable" as const,
      urgent: false,
      notBefore: now,
      payload: { userId: about.userId, fullName: about.fullName, teacher: true, date: "2025-11-10" },
    })),
    { at: now },
  );
}

describe("several instances on one database", () => {
  it("one polls, one only plans and sends: only the poller receives, and every notification goes out once", {
    timeout: 30_000,
  }, async () => {
    const school = await seedReminderSchool(db.prisma, "Школа двух процессов");
    const people: Person[] = [];
    for (let i = 0; i < 16; i++) people.push(await addPerson(db.prisma, school.schoolId, `Сотрудник ${i}`, ["specialist"]));
    const [alone, together] = [people.slice(0, 6), people.slice(6)];

    const api = await startFakeBotApi();
    const poller = startInstance(api.root, POLLER_TOKEN, "polling");
    const quiet = startInstance(api.root, QUIET_TOKEN, "none");
    const output = () => `--- polling ---\n${poller.output()}\n--- none ---\n${quiet.output()}`;
    const sent = (prefix: string) => db.prisma.notification.count({ where: { key: { startsWith: prefix }, status: "sent" } });
    try {
      // The poller waits for its getMe; meanwhile the BOT_RECEIVE=none instance alone sends.
      await waitFor(() => quiet.output().includes("not receiving updates"), 20_000, output);
      await queue(school.schoolId, school.teacher, alone, "multi-alone");
      await waitFor(async () => (await sent("multi-alone")) === alone.length, 10_000, output);
      const aloneChats = new Set(alone.map((p) => p.chatId));
      const aloneMessages = api.calls.filter((c) => c.method === "sendMessage" && aloneChats.has(Number(c.body.chat_id)));
      expect(aloneMessages.map((c) => c.token)).toEqual(alone.map(() => QUIET_TOKEN));

      // Now both run and both senders watch the outbox; a row goes to whichever claims it first.
      api.releasePoller();
      await waitFor(() => api.calls.some((c) => c.token === POLLER_TOKEN && c.method === "getUpdates"), 10_000, output);
      await queue(school.schoolId, school.teacher, together, "multi-together");
      await waitFor(async () => (await sent("multi-together")) === together.length, 10_000, output);

      // Stopping either never touches the webhook.
      poller.child.kill("SIGTERM");
      quiet.child.kill("SIGTERM");
      expect(await poller.exited).toBe(0);
      expect(await quiet.exited).toBe(0);

      const methodsOf = (token: string) => new Set(api.calls.filter((c) => c.token === token).map((c) => c.method));
      expect([...methodsOf(POLLER_TOKEN)]).toEqual(expect.arrayContaining(["getMe", "setMyCommands", "deleteWebhook", "getUpdates"]));
      expect(methodsOf(POLLER_TOKEN).has("setWebhook")).toBe(false);
      expect(methodsOf(QUIET_TOKEN).has("getMe")).toBe(true);
      for (const method of [...RECEIVING_METHODS, "setMyCommands"]) expect(methodsOf(QUIET_TOKEN).has(method), method).toBe(false);
      expect(api.calls.filter((c) => c.method === "deleteWebhook")).toHaveLength(1);

      // Each notification reached its chat exactly once, whichever instance sent it.
      const deliveries = new Map<string, number>();
      for (const c of api.calls.filter((c) => c.method === "sendMessage")) {
        const key = `${c.body.chat_id}\n${c.body.text}`;
        deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      }
      for (const person of people) {
        const toPerson = [...deliveries].filter(([key]) => key.startsWith(`${person.chatId}\n`));
        expect(
          toPerson.map(([, count]) => count),
          person.fullName,
        ).toEqual([1]);
        expect(toPerson[0]![0]).toContain(school.teacher.fullName);
      }
      const rows = await db.prisma.notification.findMany({ where: { key: { startsWith: "multi-" } }, select: { status: true } });
      expect(rows.map((r) => r.status)).toEqual(people.map(() => "sent"));
    } finally {
      api.releasePoller();
      poller.child.kill("SIGKILL");
      quiet.child.kill("SIGKILL");
      api.server.close();
    }
  });
});
