import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { createOutboxSender } from "../src/app/reminders/send-outbox.js";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import { openDatabase } from "../src/db/open-database.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { createOutboxRepository } from "../src/repositories/outbox-repository.js";

/*
 * The outbox sender against a local fake Bot API that behaves like Telegram's flood control:
 * more than 30 messages in any second get 429 with retry_after, and two calls get a 429 anyway.
 * Figures: messages per second against the configured rate, with and without the waits
 * Telegram imposed, and how many rows were lost or sent twice.
 */

const TOKEN = "1234567:BENCH-token-for-the-fake-api_abcdef";
const MESSAGES = 250;
const RATE = 25;

function fakeBotApi() {
  const delivered = new Map<number, number>();
  const recent: number[] = [];
  const okTimes: number[] = [];
  let calls = 0;
  let refused = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      calls++;
      const body = raw ? JSON.parse(raw) : {};
      const now = performance.now();
      while (recent.length > 0 && now - recent[0]! > 1000) recent.shift();
      res.setHeader("content-type", "application/json");
      if (recent.length >= 30 || calls === 100 || calls === 200) {
        refused++;
        res.end(
          JSON.stringify({ ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } }),
        );
        return;
      }
      recent.push(now);
      okTimes.push(now);
      const chat = Number(body.chat_id);
      delivered.set(chat, (delivered.get(chat) ?? 0) + 1);
      res.end(JSON.stringify({ ok: true, result: { message_id: calls, date: 0, chat: { id: chat, type: "private" }, text: body.text } }));
    });
  });
  return new Promise<{ server: http.Server; root: string; delivered: Map<number, number>; okTimes: number[]; refused: () => number }>(
    (resolve) =>
      server.listen(0, "127.0.0.1", () =>
        resolve({ server, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, delivered, okTimes, refused: () => refused }),
      ),
  );
}

export async function benchSender() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-bench-"));
  const database = await openDatabase({ url: `file:${path.join(dir, "sender.db")}` });
  const api = await fakeBotApi();
  try {
    const db = database.prisma;
    const school = await db.school.create({ data: { name: "Bench" } });
    const now = new Date();
    const rows = [];
    for (let i = 0; i < MESSAGES; i++) {
      const user = await db.user.create({
        data: { telegramId: BigInt(9_000_000 + i), chatId: BigInt(9_000_000 + i), fullName: `Сотрудник ${i}` },
      });
      rows.push({
        key: `bench-${i}`,
        schoolId: school.id,
        userId: user.id,
        kind: "userUnreachable" as const,
        urgent: false,
        notBefore: now,
        payload: { userId: user.id, fullName: "Петрова Анна Сергеевна", teacher: true, date: "2026-11-24" },
      });
    }
    await createOutboxRepository(db).ensure(rows, { at: now });
    const sender = createOutboxSender(
      {
        db,
        api: new Api(TOKEN, { apiRoot: api.root }),
        i18n: createI18n(),
        regulations: loadRegulations(),
        productionYears: loadProductionYears(),
        logger: createLogger("silent"),
        now: () => new Date(),
      },
      { ratePerSecond: RATE },
    );
    await sender.drain();
    const sent = await db.notification.count({ where: { status: "sent" } });
    const times = api.okTimes;
    const seconds = (times.at(-1)! - times[0]!) / 1000;
    const waits = api.refused(); // each refusal asked for one second
    const perSecond = (times.length - 1) / seconds;
    const perSecondUnpaused = (times.length - 1) / (seconds - waits);
    const twice = [...api.delivered.values()].reduce((sum, n) => sum + n - 1, 0);
    return [
      {
        name: `sender, ${MESSAGES} messages, rate ${RATE}/s`,
        figure: `${perSecond.toFixed(1)} msg/s overall, ${perSecondUnpaused.toFixed(1)} between 429 waits`,
        goal: `within 5 % of ${RATE}`,
      },
      { name: "sender, 429 answers honoured", figure: `${waits} × retry_after 1 s`, goal: "—" },
      { name: "sender, lost / sent twice", figure: `${MESSAGES - sent} / ${twice}`, goal: "0 / 0" },
    ];
  } finally {
    api.server.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
