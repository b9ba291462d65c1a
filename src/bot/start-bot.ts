import type http from "node:http";
import { webhookCallback, type Bot } from "grammy";
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { BotContext } from "./context.js";
import type { Logger } from "../logger.js";
import { startHttpServer } from "../http-server.js";

export interface RunningBot {
  stop(): Promise<void>;
}

export interface StartBotOptions {
  bot: Bot<BotContext>;
  logger: Logger;
  /** Default: a webhook when `webhook` is given, long polling otherwise. */
  receive?: "polling" | "webhook" | "none";
  webhook?: { url: string; secret: string };
  httpPort?: number;
  health: () => Promise<boolean>;
  /** The dashboard's request handler (issue 16), on the same server. */
  dashboard?: (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
}

/**
 * Long polling (one instance) with per-chat ordering, a webhook server (any number of instances
 * behind a load balancer), or no receiving at all (an instance that only plans and sends: it never
 * calls getUpdates, setWebhook or deleteWebhook). In every mode `/healthz` is served when a port is set.
 */
export async function startBot({ bot, logger, receive, webhook, httpPort, health, dashboard }: StartBotOptions): Promise<RunningBot> {
  let server: http.Server | undefined;
  const mode = receive ?? (webhook ? "webhook" : "polling");
  const closeServer = async () => {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  };
  if (mode === "none") {
    if (httpPort) server = await startHttpServer({ port: httpPort, health, logger, ...(dashboard ? { dashboard } : {}) });
    logger.info("not receiving updates (BOT_RECEIVE=none): planning and sending only");
    return { stop: closeServer };
  }
  if (mode === "webhook") {
    if (!webhook || !httpPort) throw new Error("webhook mode needs WEBHOOK_URL, WEBHOOK_SECRET and HTTP_PORT");
    const path = new URL(webhook.url).pathname;
    const handler = webhookCallback(bot, "http", { secretToken: webhook.secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
    server = await startHttpServer({ port: httpPort, webhook: { path, handler }, health, logger, ...(dashboard ? { dashboard } : {}) });
    // Idempotent: every instance behind the one URL sets the same URL and secret. Stopping never
    // deletes the webhook, which the other instances still serve.
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, drop_pending_updates: false });
    logger.info("webhook set");
    return { stop: closeServer };
  }

  if (httpPort) server = await startHttpServer({ port: httpPort, health, logger, ...(dashboard ? { dashboard } : {}) });
  // Polling and a webhook exclude each other at Telegram's side.
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"] } },
  });
  logger.info("long polling started");
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await closeServer();
    },
  };
}
