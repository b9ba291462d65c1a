import { run } from "@grammyjs/runner";
import { openDatabase } from "../../src/db/open-database.js";
import { createBareBot } from "./bare-bot.js";

/*
 * The bare bot (bare-bot.ts) as a process of its own, for the end-to-end bench: started like the
 * app (`node dist-bench/bench/support/bare-bot-main.js`, compiled by `tsc -p tsconfig.bench.json`
 * as the app is by `npm run build`), with the app's environment variables, the app's database
 * opening (same Prisma client and adapter, on an already migrated file) and the app's start-up:
 * init, deleteWebhook, @grammyjs/runner's `run` with the app's options. SIGTERM stops it.
 */

const token = process.env.BOT_TOKEN;
const databaseUrl = process.env.DATABASE_URL;
if (!token || !databaseUrl) {
  console.error("bare bot: BOT_TOKEN and DATABASE_URL are needed");
  process.exit(1);
}
const apiRoot = process.env.TELEGRAM_API_ROOT;
const database = await openDatabase({ url: databaseUrl, migrate: false });
const bot = createBareBot({ token, db: database.prisma, client: apiRoot ? { apiRoot } : undefined });
await bot.init();
await bot.api.deleteWebhook();
const runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"] } } });
process.once("SIGTERM", () => {
  void (async () => {
    if (runner.isRunning()) await runner.stop();
    await database.close();
    process.exit(0);
  })();
});
