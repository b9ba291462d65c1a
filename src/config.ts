import { z } from "zod";
import { isValidTimeZone } from "./domain/dates.js";

/** The only reader of process.env: parsed once at start, failing with a line that names the variable. */

export const DEFAULT_SQLITE_URL = "file:./data/klassruk.db";

/** How an instance gets updates: long polling, a webhook, or not at all (it only plans and sends). */
export const RECEIVE_MODES = ["polling", "webhook", "none"] as const;
export type ReceiveMode = (typeof RECEIVE_MODES)[number];

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const configSchema = z
  .object({
    BOT_TOKEN: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z
        .string({ error: "is not set (get one from @BotFather; or try `npm run demo`, which needs none)" })
        .trim()
        .regex(/^\d+:[\w-]+$/, "does not look like a bot token (digits, a colon, then letters)"),
    ),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
        .optional(),
    ),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    TELEGRAM_API_ROOT: optionalString.pipe(z.url({ error: "must be a URL such as http://127.0.0.1:8081" }).optional()),
    WEBHOOK_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an https:// URL" }).optional()),
    WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, "may contain only A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        .optional(),
    ),
    BOT_RECEIVE: optionalString.pipe(z.enum(RECEIVE_MODES, { error: "must be polling, webhook or none" }).optional()),
    /** Where people open the dashboard (issue 16); with HTTP_PORT it turns the dashboard on. */
    WEB_APP_URL: optionalString.pipe(
      z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL such as https://klassruk.school.ru/app/" }).optional(),
    ),
    HTTP_PORT: optionalString
      .transform((v) => (v === undefined ? undefined : Number(v)))
      .pipe(z.number({ error: "must be a port number" }).int().min(1).max(65535).optional()),
    ADMIN_IDS: optionalString.transform((value, ctx) => {
      const ids = (value ?? "").split(/[\s,;]+/).filter(Boolean);
      const bad = ids.find((id) => !/^\d{1,15}$/.test(id));
      if (bad) {
        ctx.addIssue({ code: "custom", message: `"${bad}" is not a Telegram user id (digits only)` });
        return z.NEVER;
      }
      return ids.map(Number);
    }),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DEFAULT_TIMEZONE: z.string().default("Europe/Moscow").refine(isValidTimeZone, "is not a known IANA timezone (e.g. Europe/Moscow)"),
    REGULATIONS_DIR: optionalString,
    CALENDAR_DIR: optionalString,
    SEND_RATE_PER_SECOND: z.coerce
      .number({ error: "must be a number" })
      .min(1, "must be at least 1")
      .max(1000, "must be at most 1000")
      .default(25),
    ESCALATION_GRACE_DAYS: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0).max(30).default(1),
    SOS_REALERT_MINUTES: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1).max(60).default(5),
    RETENTION_YEARS: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1).max(75).default(3),
  })
  .superRefine((env, ctx) => {
    const receive = receiveMode(env);
    if (receive === "webhook" && !env.WEBHOOK_URL) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "is required when BOT_RECEIVE=webhook" });
    }
    if (receive === "polling" && env.WEBHOOK_URL) {
      // A poller deletes the webhook the other instances were given.
      ctx.addIssue({ code: "custom", path: ["BOT_RECEIVE"], message: "is polling but WEBHOOK_URL is set: unset one of them" });
    }
    if (receive === "webhook" && env.WEBHOOK_URL && !env.WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when WEBHOOK_URL is set" });
    }
    if (receive === "webhook" && env.WEBHOOK_URL && !env.HTTP_PORT) {
      ctx.addIssue({ code: "custom", path: ["HTTP_PORT"], message: "is required when WEBHOOK_URL is set (the webhook server's port)" });
    }
  });

/** BOT_RECEIVE, or by default a webhook when WEBHOOK_URL is set and long polling otherwise. */
function receiveMode(env: { BOT_RECEIVE?: ReceiveMode; WEBHOOK_URL?: string }): ReceiveMode {
  return env.BOT_RECEIVE ?? (env.WEBHOOK_URL ? "webhook" : "polling");
}

export interface Config {
  botToken: string;
  databaseUrl: string;
  databasePoolSize: number;
  telegramApiRoot?: string;
  /** `none`: this instance never calls getUpdates, setWebhook or deleteWebhook. */
  receive: ReceiveMode;
  /** Set when `receive` is `webhook`. */
  webhook?: { url: string; secret: string };
  httpPort?: number;
  /** The dashboard's public URL (ends with "/"); set only when HTTP_PORT is set too. */
  webAppUrl?: string;
  adminIds: number[];
  logLevel: z.infer<typeof configSchema>["LOG_LEVEL"];
  defaultTimezone: string;
  regulationsDir?: string;
  calendarDir?: string;
  /** Outbox messages per second overall (Telegram allows about 30). */
  sendRatePerSecond: number;
  /** School days a step may be late before its deputy is told. */
  escalationGraceDays: number;
  /** Minutes between two rounds of an emergency alert nobody has acknowledged. */
  sosRealertMinutes: number;
  /** Years a closed case is kept after closing before the nightly job erases it. */
  retentionYears: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "configuration");
    throw new ConfigError(`${variable} ${issue.message}`);
  }
  const e = parsed.data;
  const receive = receiveMode(e);
  return {
    botToken: e.BOT_TOKEN,
    databaseUrl: e.DATABASE_URL ?? DEFAULT_SQLITE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    telegramApiRoot: e.TELEGRAM_API_ROOT?.replace(/\/+$/, ""),
    receive,
    webhook: receive === "webhook" && e.WEBHOOK_URL && e.WEBHOOK_SECRET ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET } : undefined,
    httpPort: e.HTTP_PORT,
    webAppUrl: e.WEB_APP_URL && e.HTTP_PORT ? e.WEB_APP_URL.replace(/\/*$/, "/") : undefined,
    adminIds: e.ADMIN_IDS,
    logLevel: e.LOG_LEVEL,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    regulationsDir: e.REGULATIONS_DIR,
    calendarDir: e.CALENDAR_DIR,
    sendRatePerSecond: e.SEND_RATE_PER_SECOND,
    escalationGraceDays: e.ESCALATION_GRACE_DAYS,
    sosRealertMinutes: e.SOS_REALERT_MINUTES,
    retentionYears: e.RETENTION_YEARS,
  };
}
