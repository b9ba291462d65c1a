import type { Api } from "grammy";
import { createOutboxSender, type OutboxSender, type OutboxSenderOptions } from "../app/reminders/send-outbox.js";
import type { AppDeps } from "../app/app-deps.js";

/** The outbox sender, running beside the bot until stopped; it writes through the bot's own API client. */
export function startOutboxSender(deps: AppDeps, api: Api, options: OutboxSenderOptions = {}): OutboxSender {
  const sender = createOutboxSender({ ...deps, api }, options);
  sender.start();
  return sender;
}
