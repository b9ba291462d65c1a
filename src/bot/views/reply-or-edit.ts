import { GrammyError, type InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext, InnerContext } from "../context.js";
import { splitText } from "../../delivery/split-text.js";

/**
 * Replaces the pressed message with `text` (the card stays in place instead of flooding the
 * chat), or sends a new message when there is nothing to edit or the edit is refused.
 */
export async function replyOrEdit(
  ctx: BotContext | InnerContext,
  text: string,
  markup: InlineKeyboard | InlineKeyboardMarkup | undefined,
  edit: boolean,
): Promise<void> {
  const reply_markup = markup && markup.inline_keyboard.length > 0 ? { inline_keyboard: markup.inline_keyboard } : undefined;
  const pressed = ctx.callbackQuery && (ctx.callbackQuery.message || ctx.callbackQuery.inline_message_id);
  if (edit && pressed) {
    try {
      await ctx.editMessageText(text, reply_markup ? { reply_markup } : { reply_markup: { inline_keyboard: [] } });
      return;
    } catch (error) {
      // Pressing a button that leaves the card as it was is not a failure.
      if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
      ctx.log.warn({ err: error }, "could not edit the message; sending a new one");
    }
  }
  await ctx.reply(text, reply_markup ? { reply_markup } : {});
}

/** Swaps only the buttons under the pressed message (a submenu of the card). */
export async function replaceButtons(ctx: BotContext, markup: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: markup.inline_keyboard } });
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
    throw error;
  }
}

/** Telegram takes 4096 characters a message: the text goes in parts, the buttons under the last. */
export async function replyInParts(ctx: BotContext, text: string, keyboard: InlineKeyboard | undefined): Promise<void> {
  const parts = splitText(text);
  for (const [i, part] of parts.entries()) {
    await ctx.reply(part, i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {});
  }
}
