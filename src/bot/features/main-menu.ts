import { Composer, Keyboard } from "grammy";
import type { TFunction } from "i18next";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { Actor } from "../../app/actor.js";
import { can } from "../../app/access-policy.js";
import { LANGUAGES, type I18n } from "../../i18n.js";
import { resolveActor } from "../middleware/app-context.js";
import { publishChatMenu } from "../commands.js";

/** The menu's buttons and the command each stands for ("search" only prompts for a surname). */
const MENU_ITEMS = [
  { key: "new", command: "new" },
  { key: "today", command: "today" },
  { key: "cases", command: "cases" },
  { key: "search", command: undefined },
  { key: "sos", command: "sos", label: "sos.menuButton" },
] as const;

type MenuKey = (typeof MENU_ITEMS)[number]["key"];

/** The persistent keyboard for staff; «➕» only for those who may open cases. */
export function mainMenuKeyboard(t: TFunction, actor: Actor): Keyboard {
  const keyboard = new Keyboard();
  if (can(actor, "openCase")) keyboard.text(t("menu.new")).text(t("sos.menuButton")).row();
  keyboard.text(t("menu.today")).text(t("menu.cases")).row();
  keyboard.text(t("menu.search"));
  return keyboard.persistent().resized();
}

/** Each button's label in every language → its key (the first language and item win, as before). Locales never change after start. */
const menuLabels = new WeakMap<I18n, Map<string, MenuKey>>();

function menuLabelsOf(i18n: I18n): Map<string, MenuKey> {
  let labels = menuLabels.get(i18n);
  if (!labels) {
    labels = new Map();
    for (const language of LANGUAGES) {
      const t = i18n.t(language);
      for (const item of MENU_ITEMS) {
        const label = t("label" in item ? item.label : `menu.${item.key}`);
        if (!labels.has(label)) labels.set(label, item.key);
      }
    }
    menuLabels.set(i18n, labels);
  }
  return labels;
}

/** Which menu button `text` is, in any language. */
export function mainMenuItem(i18n: I18n, text: string): MenuKey | undefined {
  return menuLabelsOf(i18n).get(text.trim());
}

function isStaff(actor: Actor | undefined): actor is Actor {
  return actor !== undefined && actor.schoolId !== undefined && can(actor, "lookup");
}

/**
 * Installed first among the features: after /start (whoever handles it) it shows the menu to staff
 * (unless /start has just asked a question), and it turns a menu button into its command before the
 * command handlers see the message.
 */
export function mainMenuFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const chat = feature.chatType("private");

  chat.command("start", async (ctx, next) => {
    await next();
    // /start may have just accepted an invitation: ask the database who this is now.
    const actor = await resolveActor(deps, ctx.from.id, ctx.from.language_code);
    if (!isStaff(actor)) return;
    await publishChatMenu(ctx.api, deps.i18n, deps.logger, ctx.chat.id, actor.language, actor.roles);
    // /start left a question waiting (an invitation starts the joining dialogue with «your name?»):
    // that question stays the last message, and the dialogue brings the menu keyboard with its answers.
    if (Object.values(ctx.conversation.active()).some((count) => count > 0)) return;
    await ctx.reply(deps.i18n.t(actor.language)("menu.shown"), { reply_markup: mainMenuKeyboard(deps.i18n.t(actor.language), actor) });
  });

  chat.command("menu", async (ctx) => {
    if (!isStaff(ctx.actor)) {
      await ctx.reply(ctx.t("start.stranger"));
      return;
    }
    await ctx.reply(ctx.t("menu.shown"), { reply_markup: mainMenuKeyboard(ctx.t, ctx.actor) });
  });

  chat.on("message:text", async (ctx, next) => {
    const key = mainMenuItem(deps.i18n, ctx.message.text);
    if (!key) return next();
    if (!isStaff(ctx.actor)) {
      await ctx.reply(ctx.t("start.stranger"));
      return;
    }
    const command = MENU_ITEMS.find((i) => i.key === key)!.command;
    if (!command) {
      await ctx.reply(ctx.t("menu.searchPrompt"));
      return;
    }
    // The button means exactly its command: let the command's own handler (whoever owns it) answer.
    const text = `/${command}`;
    ctx.message.text = text;
    ctx.message.entities = [{ type: "bot_command", offset: 0, length: text.length }];
    await next();
  });
  return feature;
}
