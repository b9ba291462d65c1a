import { startSenderProcess, waitFor } from "../../support/sender-processes.js";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_URGENT_LEASE_MS, MAX_URGENT_LEASE_MS } from "../../../src/app/reminders/send-outbox.js";
import { createOutboxRepository } from "../../../src/repositories/outbox-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addPerson, seedReminderSchool, TEST_TOKEN } from "../../support/reminder-fixtures.js";

/*
 * An SOS round to many deputies and specialists, two sender processes on one database, one of
 * them killed with SIGKILL in the middle of the round: every alert still goes out within a
 * minute, because urgent rows are claimed a few at a time under a short lease.
 */

const ALERTS = 30;
/** Shorter than the production default so that the test is quick; the bound it checks is the same. */
const URGENT_LEASE_MS = 4000;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const DOOMED_TOKEN = "7654321:TEST-token-of-the-sender-that-dies_abcdef";

/**
 * A Bot API on 127.0.0.1 that records when each chat got its message. It never answers the
 * doomed sender (its token): what that sender claimed is stuck with it until it is killed.
 */
async function startBotApi() {
  const deliveredAt = new Map<number, number[]>();
  let stuck = 0;
  let messageId = 1;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : {};
      if (req.url?.includes(DOOMED_TOKEN)) {
        stuck++;
        return;
      }
      setTimeout(() => {
        const chat = Number(body.chat_id);
        deliveredAt.set(chat, [...(deliveredAt.get(chat) ?? []), Date.now()]);
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({ ok: true, result: { message_id: messageId++, date: 0, chat: { id: chat, type: "private" }, text: body.text } }),
        );
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, deliveredAt, stuck: () => stuck, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function startSender(apiRoot: string, token: string) {
  return startSenderProcess({
    DATABASE_URL: db.url,
    BOT_TOKEN: token,
    API_ROOT: apiRoot,
    URGENT_LEASE_MS: String(URGENT_LEASE_MS),
    RATE: "20",
    BATCH: "10",
  });
}

describe("an SOS round when a sender dies", () => {
  it("never holds an urgent alert longer than a minute by default", () => {
    expect(DEFAULT_URGENT_LEASE_MS).toBeLessThanOrEqual(60_000);
    expect(MAX_URGENT_LEASE_MS).toBe(60_000);
  });

  it("delivers every alert within the urgent lease after SIGKILL of one of two senders", { timeout: 60_000 }, async () => {
    const school = await seedReminderSchool(db.prisma, "Школа SOS");
    const api = await startBotApi();
    const first = startSender(api.root, DOOMED_TOKEN);
    let second: ReturnType<typeof startSender> | undefined;
    try {
      await waitFor(() => first.output().includes("ready"), 20_000, first.output);
      const people = [];
      for (let i = 0; i < ALERTS; i++) people.push(await addPerson(db.prisma, school.schoolId, `Сотрудник ${i}`, ["deputy"]));
      const raisedAt = Date.now();
      const now = new Date(raisedAt);
      await createOutboxRepository(db.prisma).ensure(
        people.map((person, i) => ({
          key: `sos-round-${i}`,
          schoolId: school.schoolId,
          userId: person.userId,
          kind: "sosAlert" as const,
          urgent: true,
          notBefore: now,
          payload: { alertId: 1, date: "2026-12-04", classLabel: "7Б", teacherName: "Петрова А. С.", round: 1 },
        })),
        { at: now },
      );
      second = startSender(api.root, TEST_TOKEN);
      // Kill one sender in the middle of the round, with alerts of its own in flight.
      await waitFor(() => api.stuck() >= 3, 20_000, first.output);
      await waitFor(() => second!.output().includes("ready"), 20_000, second.output);
      const killedAt = Date.now();
      first.child.kill("SIGKILL");
      await new Promise((resolve) => first.child.once("exit", resolve));

      const sent = () => db.prisma.notification.count({ where: { key: { startsWith: "sos-round-" }, status: "sent" } });
      await waitFor(async () => (await sent()) === ALERTS, 50_000, second.output);
      const lastDelivery = Math.max(...[...api.deliveredAt.values()].map((times) => times[0]!));
      const allDeliveredIn = lastDelivery - raisedAt;
      // Every person got the alert; the dead sender's claims came back after the short lease.
      expect(api.deliveredAt.size).toBe(ALERTS);
      expect(allDeliveredIn).toBeLessThan(60_000);
      // The dead sender's alerts waited for its lease to run out; the live one took them over.
      expect(lastDelivery).toBeGreaterThan(killedAt);
      const owners = await db.prisma.notification.groupBy({
        by: ["claimedBy"],
        where: { key: { startsWith: "sos-round-" } },
        _count: { _all: true },
      });
      expect(owners).toHaveLength(1);
    } finally {
      first.child.kill("SIGKILL");
      second?.child.kill("SIGKILL");
      api.server.closeAllConnections();
      api.server.close();
    }
  });
});
