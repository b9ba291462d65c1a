/*
 * A sender process on its own, for the crash test: `tsx test/support/sender-process.ts` with
 * DATABASE_URL, BOT_TOKEN, API_ROOT (a local fake Bot API), LEASE_MS, URGENT_LEASE_MS, RATE and BATCH.
 */
import { Api } from "grammy";
import { createOutboxSender } from "../../src/app/reminders/send-outbox.js";
import { loadProductionYears } from "../../src/calendar/load-production-calendar.js";
import { openDatabase } from "../../src/db/open-database.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";

const env = process.env;
const database = await openDatabase({ url: env.DATABASE_URL!, migrate: false, poolSize: 2 });
const sender = createOutboxSender(
  {
    db: database.prisma,
    api: new Api(env.BOT_TOKEN!, { apiRoot: env.API_ROOT! }),
    i18n: createI18n(),
    regulations: loadRegulations(),
    productionYears: loadProductionYears(),
    logger: createLogger("warn"),
    now: () => new Date(),
  },
  {
    ratePerSecond: Number(env.RATE ?? 25),
    leaseMs: Number(env.LEASE_MS ?? 60_000),
    ...(env.URGENT_LEASE_MS ? { urgentLeaseMs: Number(env.URGENT_LEASE_MS) } : {}),
    batchSize: Number(env.BATCH ?? 10),
    pollMs: 100,
    perChatIntervalMs: 0,
  },
);
sender.start();
console.log("ready");
process.once("SIGTERM", () => {
  void sender
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
