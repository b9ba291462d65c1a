import { Api } from "grammy";
import { loadConfig, ConfigError } from "./config.js";
import { createLogger } from "./logger.js";
import { createI18n } from "./i18n.js";
import { openDatabase } from "./db/open-database.js";
import { describeDatabase } from "./db/database-url.js";
import { loadRegulations } from "./regulations/load-regulations.js";
import { loadProductionYears } from "./calendar/load-production-calendar.js";
import { botFileDownloader, buildBotDeps } from "./bot/deps.js";
import { createBot } from "./bot/create-bot.js";
import { startBot } from "./bot/start-bot.js";
import { publishCommandMenu } from "./bot/commands.js";
import { startScheduler } from "./scheduler/scheduler.js";
import { calendarCoverageJob } from "./jobs/calendar-coverage-job.js";
import { retentionJob } from "./jobs/retention-job.js";
import { attendanceWarningsJob } from "./jobs/attendance-warnings-job.js";
import { outboxCleanupJob, plannerJob } from "./jobs/planner-job.js";
import { meetingRemindersJob } from "./jobs/meeting-reminders-job.js";
import { startOutboxSender } from "./jobs/sender.js";
import { sosRealertJob } from "./jobs/sos-realert-job.js";
import { deputyDigestJob } from "./jobs/deputy-digest-job.js";
import { councilReviewJob } from "./jobs/council-review-job.js";
import { dashboardMenuJob } from "./jobs/dashboard-menu-job.js";
import { redactSecrets } from "./logger.js";

/** The composition root: config → logger → database → bot → scheduler → graceful shutdown. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  const regulations = loadRegulations({ extraDir: config.regulationsDir });
  const calendarYears = loadProductionYears(config.calendarDir);
  logger.info(
    { regulations: regulations.list().map((r) => `${r.id}@${r.version}`), calendarYears: calendarYears.map((y) => y.year) },
    "definitions loaded",
  );

  const database = await openDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize });
  logger.info({ database: describeDatabase(config.databaseUrl), migrationsApplied: database.migration.applied }, "database ready");

  const deps = buildBotDeps({
    db: database.prisma,
    logger,
    i18n: createI18n(),
    regulations,
    productionYears: calendarYears,
    adminIds: config.adminIds,
    defaultTimezone: config.defaultTimezone,
    now: () => new Date(),
    downloadFile: botFileDownloader(config.botToken, config.telegramApiRoot),
    ...(config.webAppUrl ? { dashboardUrl: config.webAppUrl } : {}),
  });
  const bot = createBot({
    token: config.botToken,
    deps,
    client: config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : undefined,
  });
  await bot.init();
  logger.info({ bot: bot.botInfo.username }, "connected to Telegram");
  // The command menu belongs to the instances that answer commands.
  if (config.receive !== "none") await publishCommandMenu(bot.api, deps.i18n, logger);

  const jobs = [
    calendarCoverageJob(deps),
    plannerJob(deps, { graceDays: config.escalationGraceDays }),
    outboxCleanupJob(deps),
    retentionJob(deps, config.retentionYears),
    sosRealertJob(deps, { intervalMinutes: config.sosRealertMinutes }),
    deputyDigestJob(deps),
    meetingRemindersJob(deps),
    councilReviewJob(deps),
    attendanceWarningsJob(deps),
    // The dashboard's Mini App as deputies' and directors' menu button (Telegram opens Mini Apps over HTTPS only).
    ...(config.webAppUrl?.startsWith("https://")
      ? [
          dashboardMenuJob(
            deps,
            new Api(config.botToken, config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : undefined),
            config.webAppUrl,
          ),
        ]
      : []),
  ];
  const scheduler = startScheduler(jobs, config.defaultTimezone, logger);
  // Sweeps are idempotent: running them once at start catches up on anything missed while down.
  for (const job of jobs) void job.run().catch((err) => logger.error({ err, job: job.name }, "start-up run failed"));
  // The sender paces and retries by itself: an Api without the replies' auto-retry.
  const senderApi = new Api(config.botToken, config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : undefined);
  const sender = startOutboxSender(deps, senderApi, { ratePerSecond: config.sendRatePerSecond });
  // Signals are taken from here on: a stop during start-up (a deploy, a test) still ends cleanly.
  let running: Awaited<ReturnType<typeof startBot>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await running?.stop().catch((err) => logger.error({ err }, "stopping the bot failed"));
    await scheduler.stop();
    await sender.stop();
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  // The dashboard (issue 16) on the same HTTP server, when HTTP_PORT and WEB_APP_URL are set; its
  // web framework is loaded only then (decision 024).
  let dashboard: ReturnType<typeof import("@hono/node-server").getRequestListener> | undefined;
  if (config.webAppUrl) {
    const [{ getRequestListener }, { createDashboardApp }] = await Promise.all([
      import("@hono/node-server"),
      import("./web/dashboard-app.js"),
    ]);
    const app = createDashboardApp({ deps: { ...deps, botToken: config.botToken }, i18n: deps.i18n, publicUrl: config.webAppUrl, logger });
    dashboard = getRequestListener(app.fetch);
  }
  running = await startBot({
    ...(dashboard ? { dashboard } : {}),
    bot,
    logger,
    receive: config.receive,
    webhook: config.webhook,
    httpPort: config.httpPort,
    health: async () => {
      await database.prisma.$queryRawUnsafe("SELECT 1");
      return true;
    },
  });
  // A signal during start-up found nothing to stop yet: stop what has just started.
  if (stopping) await running.stop().catch(() => undefined);
}

main().catch((error: unknown) => {
  // One clear line, never a stack trace: the admin reads this in a terminal or a container log.
  const message = error instanceof Error ? error.message : String(error);
  const prefix = error instanceof ConfigError ? "Configuration error" : "Cannot start Klassruk";
  console.error(`${prefix}: ${redactSecrets(message.split("\n")[0] ?? message)}`);
  process.exit(1);
});
