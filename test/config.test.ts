import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const TOKEN = "123456:ABC-def_ghi";

describe("configuration from the environment", () => {
  it.each([
    [{}, "BOT_TOKEN is not set"],
    [{ BOT_TOKEN: "nonsense" }, "BOT_TOKEN does not look like a bot token"],
    [{ BOT_TOKEN: TOKEN, DATABASE_URL: "mysql://db/x" }, "DATABASE_URL must start with file: (SQLite) or postgresql://"],
    [{ BOT_TOKEN: TOKEN, DEFAULT_TIMEZONE: "Europe/Atlantis" }, "DEFAULT_TIMEZONE is not a known IANA timezone"],
    [{ BOT_TOKEN: TOKEN, ADMIN_IDS: "12, abc" }, 'ADMIN_IDS "abc" is not a Telegram user id'],
    [{ BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://bot.school.ru/tg" }, "WEBHOOK_SECRET is required when WEBHOOK_URL is set"],
    [{ BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://bot.school.ru/tg", WEBHOOK_SECRET: "s3cret" }, "HTTP_PORT is required"],
    [{ BOT_TOKEN: TOKEN, HTTP_PORT: "eighty" }, "HTTP_PORT must be a port number"],
    [{ BOT_TOKEN: TOKEN, BOT_RECEIVE: "webhook" }, "WEBHOOK_URL is required when BOT_RECEIVE=webhook"],
    [{ BOT_TOKEN: TOKEN, BOT_RECEIVE: "pull" }, "BOT_RECEIVE must be polling, webhook or none"],
    [
      { BOT_TOKEN: TOKEN, BOT_RECEIVE: "polling", WEBHOOK_URL: "https://bot.school.ru/tg", WEBHOOK_SECRET: "s3cret", HTTP_PORT: "8080" },
      "BOT_RECEIVE is polling but WEBHOOK_URL is set",
    ],
    [{ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "not a url" }, "TELEGRAM_API_ROOT must be a URL"],
    [{ BOT_TOKEN: TOKEN, LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ BOT_TOKEN: TOKEN, RETENTION_YEARS: "0" }, "RETENTION_YEARS"],
    [{ BOT_TOKEN: TOKEN, SEND_RATE_PER_SECOND: "fast" }, "SEND_RATE_PER_SECOND must be a number"],
    [{ BOT_TOKEN: TOKEN, SEND_RATE_PER_SECOND: "0" }, "SEND_RATE_PER_SECOND must be at least 1"],
    [{ BOT_TOKEN: TOKEN, ESCALATION_GRACE_DAYS: "1.5" }, "ESCALATION_GRACE_DAYS must be a whole number"],
  ])("refuses %j with one line naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrowError(ConfigError);
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it("defaults to a SQLite file under ./data, Moscow time and long polling", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN })).toEqual({
      botToken: TOKEN,
      databaseUrl: "file:./data/klassruk.db",
      databasePoolSize: 10,
      adminIds: [],
      logLevel: "info",
      defaultTimezone: "Europe/Moscow",
      telegramApiRoot: undefined,
      receive: "polling",
      webhook: undefined,
      httpPort: undefined,
      regulationsDir: undefined,
      calendarDir: undefined,
      sendRatePerSecond: 25,
      escalationGraceDays: 1,
      sosRealertMinutes: 5,
      retentionYears: 3,
    });
  });

  it("reads PostgreSQL, webhook, admins and a self-hosted Bot API", () => {
    const config = loadConfig({
      BOT_TOKEN: TOKEN,
      DATABASE_URL: "postgresql://bot:pw@db:5432/klassruk",
      DATABASE_POOL_SIZE: "25",
      WEBHOOK_URL: "https://bot.school.ru/tg",
      WEBHOOK_SECRET: "s3cret",
      HTTP_PORT: "8080",
      ADMIN_IDS: "111, 222;333",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      DEFAULT_TIMEZONE: "Asia/Yekaterinburg",
    });
    expect(config).toMatchObject({
      databaseUrl: "postgresql://bot:pw@db:5432/klassruk",
      databasePoolSize: 25,
      receive: "webhook",
      webhook: { url: "https://bot.school.ru/tg", secret: "s3cret" },
      httpPort: 8080,
      adminIds: [111, 222, 333],
      telegramApiRoot: "http://127.0.0.1:8081",
      defaultTimezone: "Asia/Yekaterinburg",
    });
  });

  it("receives with BOT_RECEIVE=none neither by polling nor by a webhook, even with WEBHOOK_URL set", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, BOT_RECEIVE: "none" })).toMatchObject({ receive: "none", webhook: undefined });
    expect(
      loadConfig({ BOT_TOKEN: TOKEN, BOT_RECEIVE: " none ", WEBHOOK_URL: "https://bot.school.ru/tg", HTTP_PORT: "8080" }),
    ).toMatchObject({
      receive: "none",
      webhook: undefined,
      httpPort: 8080,
    });
    expect(loadConfig({ BOT_TOKEN: TOKEN, BOT_RECEIVE: "" })).toMatchObject({ receive: "polling" });
  });
});
