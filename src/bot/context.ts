import type { Context } from "grammy";
import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { TFunction } from "i18next";
import type { Actor } from "../app/actor.js";
import type { Language } from "../i18n.js";
import type { Logger } from "../logger.js";

/** What our middleware adds to every context, outside and inside conversations. */
export interface AppFlavor {
  t: TFunction;
  lang: Language;
  actor: Actor | undefined;
  log: Logger;
}

/** Context inside conversations (the conversations plugin's own flavor does not exist there). */
export type InnerContext = Context & AppFlavor;
/** Context of the outside middleware tree. */
export type BotContext = ConversationFlavor<Context & AppFlavor>;
export type BotConversation = Conversation<BotContext, InnerContext>;
