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
  webhook?: { url: string; secret: string };
  httpPort?: number;
  health: () => Promise<boolean>;
}

/**
 * Long polling (one instance) with per-chat ordering, or a webhook server (any number of
 * instances behind a load balancer). Either way `/healthz` is served when a port is set.
 */
export async function startBot({ bot, logger, webhook, httpPort, health }: StartBotOptions): Promise<RunningBot> {
  let server: http.Server | undefined;
  if (webhook) {
    const path = new URL(webhook.url).pathname;
    const handler = webhookCallback(bot, "http", { secretToken: webhook.secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
    server = await startHttpServer({ port: httpPort!, webhook: { path, handler }, health, logger });
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, drop_pending_updates: false });
    logger.info("webhook set");
    return {
      async stop() {
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      },
    };
  }

  if (httpPort) server = await startHttpServer({ port: httpPort, health, logger });
  // Polling and a webhook exclude each other at Telegram's side.
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"] } },
  });
  logger.info("long polling started");
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
}

