import { Bot, InlineKeyboard, type ApiClientOptions, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { sequentialize } from "@grammyjs/runner";
import type { Db } from "../../src/db/open-database.js";

/*
 * The yardstick for the bot benches: a bare grammY bot doing what a minimal bot on the same stack
 * does per update — one indexed read (the sender's User by telegramId) and one write (a column of
 * that row) through the same Prisma client, then its answer. Same grammY and runner as the app,
 * with the runner's per-chat ordering (`sequentialize`) as the app has it, and nothing else: no
 * conversations, no i18n, no features. It answers the same updates as the benches send Klassruk:
 * /help and a lone word with a message, a card button (`cc:o:<case>`) with an edit of the pressed
 * message and answerCallbackQuery (the calls Klassruk makes for them).
 */

interface Sender {
  id: number;
  fullName: string;
}

export type BareContext = Context & { sender: Sender | undefined };

export interface BareBotOptions {
  token: string;
  db: Db;
  botInfo?: UserFromGetMe;
  client?: ApiClientOptions;
}

export function createBareBot({ token, db, botInfo, client }: BareBotOptions): Bot<BareContext> {
  const bot = new Bot<BareContext>(token, { botInfo, client });
  bot.use(sequentialize((ctx) => ctx.chatId?.toString() ?? ctx.from?.id.toString()));

  // The one read: who is writing (an indexed lookup by Telegram id).
  bot.use(async (ctx, next) => {
    ctx.sender = ctx.from
      ? ((await db.user.findUnique({ where: { telegramId: BigInt(ctx.from.id) }, select: { id: true, fullName: true } })) ?? undefined)
      : undefined;
    await next();
  });

  // The one write: the sender's last chat (a column of the row just read).
  const touch = async (ctx: BareContext) => {
    if (ctx.sender && ctx.chatId !== undefined)
      await db.user.update({ where: { id: ctx.sender.id }, data: { chatId: BigInt(ctx.chatId) } });
  };

  bot.command("help", async (ctx) => {
    await touch(ctx);
    await ctx.reply(`${ctx.sender?.fullName ?? "Гость"}, команды: /help, /cases, /today.`);
  });

  bot.callbackQuery(/^cc:o:(\d+)$/, async (ctx) => {
    await touch(ctx);
    await ctx.editMessageText(`Случай ${ctx.match[1]}`, {
      reply_markup: new InlineKeyboard().text("Шаги", `cc:st:${ctx.match[1]}`),
    });
    await ctx.answerCallbackQuery();
  });

  bot.on("message:text", async (ctx) => {
    await touch(ctx);
    await ctx.reply(`Ищу «${ctx.message.text}»: ничего не найдено.`);
  });

  bot.catch((error) => console.error(`bare bot: update ${error.ctx.update.update_id} failed:`, error.error));
  return bot;
}
