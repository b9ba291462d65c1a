import { Writable } from "node:stream";
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot, Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createBot } from "../src/bot/create-bot.js";
import { buildBotDeps } from "../src/bot/deps.js";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { createTestDatabase } from "../test/support/test-database.js";
import { createBareBot } from "./support/bare-bot.js";
import { seedBenchSchool, type BenchTeacher } from "./support/bench-school.js";
import { createInProcessBotApi, STAND_IN_BOT_INFO, type InProcessBotApi } from "./support/bot-api-stand-in.js";
import { closedLoop, createBotLoad, loadAverage, median, percentile, steadyRate, WORKLOADS, type BotLoad } from "./support/bot-load.js";

/*
 * `npm run bench -- bot`: Klassruk side by side with a bare grammY bot (bench/support/bare-bot.ts),
 * in this process, on one SQLite file and one Prisma client, each bot long-polling an in-process
 * Bot API stand-in through @grammyjs/runner's `run` with the app's options (src/bot/start-bot.ts).
 * 100 teachers (bench/support/bench-school.ts) send texts (/help, a surname), then press a case
 * card's button, each waiting for the answer before the next update (closed loop). The two bots
 * take turns (Klassruk, bare, Klassruk, bare, …) so load from elsewhere hits both alike; updates/s
 * is printed per turn, the ratio Klassruk/bare per pair. Then latency at a steady 200 updates/s.
 */

const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
/** Updates per teacher per turn (× 100 teachers). */
const PER_TEACHER = Number(process.env.BENCH_PER_TEACHER ?? 4);
const RATE = 200;
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 2);
const TOKEN = "424242:bench-token_XYZxyz0123456789";

interface BenchBot {
  name: "Klassruk" | "bare";
  api: InProcessBotApi;
  load: BotLoad;
  runner: RunnerHandle;
}

/** Long polling as the app does it (src/bot/start-bot.ts), against the in-process stand-in. */
function startPolling<C extends Context>(name: BenchBot["name"], build: (api: InProcessBotApi) => Bot<C>): BenchBot {
  const api = createInProcessBotApi({ record: false });
  const bot = build(api);
  const runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"] } } });
  return { name, api, load: createBotLoad(api), runner };
}

/** One update of each kind from the first teacher, checked: a wrong answer must not pass for a fast one. */
async function checkAnswers(bot: BenchBot, teacher: BenchTeacher) {
  bot.load.keep(true);
  for (let n = 0; n < 2; n++) await bot.load.send(teacher, "texts", n);
  await bot.load.send(teacher, "presses", 0);
  const calls = bot.load.take();
  bot.load.keep(false);
  const texts = calls.filter((c) => c.method === "sendMessage").map((c) => String(c.body.text));
  const edits = calls.filter((c) => c.method === "editMessageText");
  const answers = calls.filter((c) => c.method === "answerCallbackQuery");
  const problems: string[] = [];
  if (bot.name === "Klassruk") {
    if (!/команд|\/cases/i.test(texts[0] ?? "")) problems.push(`/help answered «${texts[0]}»`);
    if (!(texts[1] ?? "").includes(teacher.surname)) problems.push(`the surname answered «${texts[1]}»`);
    if (edits.length !== 1 || !String(edits[0]!.body.text).includes(teacher.surname))
      problems.push(`the card press edited ${JSON.stringify(edits)}`);
    if (answers.length !== 1 || answers[0]!.body.text) problems.push(`the card press answered ${JSON.stringify(answers)}`);
  } else if (texts.length !== 2 || edits.length !== 1 || answers.length !== 1) {
    problems.push(`calls ${calls.map((c) => c.method).join(", ")}`);
  }
  if (problems.length > 0) throw new Error(`${bot.name} did not answer as expected: ${problems.join("; ")}`);
}

export async function benchBotThroughput() {
  const db = await createTestDatabase();
  const bots: BenchBot[] = [];
  try {
    const regulations = loadRegulations();
    const productionYears = loadProductionYears();
    const teachers = await seedBenchSchool(db.prisma, { regulations, productionYears });
    const botInfo = STAND_IN_BOT_INFO as UserFromGetMe;
    const silent = new Writable({ write: (_chunk, _enc, done) => done() });
    bots.push(
      startPolling("Klassruk", (api) => {
        const deps = buildBotDeps({
          db: db.prisma,
          logger: createLogger("info", silent),
          i18n: createI18n(),
          regulations,
          productionYears,
          adminIds: [],
          defaultTimezone: "Europe/Moscow",
          now: () => new Date(),
          downloadFile: async () => new Uint8Array(),
        });
        return createBot({ token: TOKEN, deps, botInfo, client: { fetch: api.fetch as never } });
      }),
      startPolling("bare", (api) => createBareBot({ token: TOKEN, db: db.prisma, botInfo, client: { fetch: api.fetch as never } })),
    );
    for (const bot of bots) await bot.api.waitForGetUpdates(10_000);

    // Warm-up (not measured): the answers checked, then as many updates of each workload per bot
    // as a measured turn has, so that the turns compare code V8 has optimised (a bot runs for weeks).
    for (const bot of bots) {
      await checkAnswers(bot, teachers[0]!);
      for (const workload of WORKLOADS) await closedLoop(bot.load, teachers, workload, PER_TEACHER);
    }

    const rows: { name: string; figure: string; goal: string }[] = [];
    const log = (line: string) => console.log(`  bot: ${line}`);
    for (const workload of WORKLOADS) {
      const rates: Record<BenchBot["name"], number[]> = { Klassruk: [], bare: [] };
      const cpu: Record<BenchBot["name"], number[]> = { Klassruk: [], bare: [] };
      const ratios: number[] = [];
      for (let pair = 0; pair < PAIRS; pair++) {
        for (const bot of bots) {
          const load = loadAverage();
          const cpuBefore = process.cpuUsage();
          const ms = await closedLoop(bot.load, teachers, workload, PER_TEACHER);
          const used = process.cpuUsage(cpuBefore);
          const updates = teachers.length * PER_TEACHER;
          rates[bot.name].push((updates / ms) * 1000);
          cpu[bot.name].push((used.user + used.system) / updates);
          log(
            `${workload} ${bot.name.padEnd(8)} ${((updates / ms) * 1000).toFixed(0).padStart(5)} updates/s, ${((used.user + used.system) / updates).toFixed(0)} µs CPU/update (load ${load})`,
          );
        }
        ratios.push(rates.Klassruk[pair]! / rates.bare[pair]!);
      }
      const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(", ");
      rows.push(
        {
          name: `bot ${workload}: Klassruk updates/s`,
          figure: `${median(rates.Klassruk).toFixed(0)} (${list(rates.Klassruk)}), ${median(cpu.Klassruk).toFixed(0)} µs CPU each`,
          goal: "",
        },
        {
          name: `bot ${workload}: bare grammY updates/s`,
          figure: `${median(rates.bare).toFixed(0)} (${list(rates.bare)}), ${median(cpu.bare).toFixed(0)} µs CPU each`,
          goal: "",
        },
        {
          name: `bot ${workload}: ratio Klassruk/bare`,
          figure: `${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(", ")})`,
          goal: "≥ 0.7",
        },
      );
    }

    for (const workload of WORKLOADS) {
      for (const bot of bots) {
        const load = loadAverage();
        const latencies = await steadyRate(bot.load, teachers, workload, RATE, RATE_SECONDS);
        const figure = `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`;
        log(`${workload} ${bot.name.padEnd(8)} at ${RATE}/s: ${figure} (load ${load})`);
        rows.push({ name: `bot ${workload} at ${RATE}/s: ${bot.name}`, figure, goal: bot.name === "Klassruk" ? "p99 ≤ 50 ms" : "" });
      }
    }
    for (const bot of bots) {
      if (bot.load.unexpected() > 0) console.warn(`  bot: ${bot.name} sent ${bot.load.unexpected()} messages no update asked for`);
    }
    return rows;
  } finally {
    for (const bot of bots) {
      bot.api.close();
      await bot.runner.stop();
      bot.load.close();
    }
    await db.destroy();
  }
}
