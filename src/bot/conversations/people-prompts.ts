import { InlineKeyboard, Keyboard } from "grammy";
import type { TFunction } from "i18next";
import { AppError, type AppErrorCode } from "../../app/app-error.js";
import { normalizeFullName, normalizePhone } from "../../app/people/person-details.js";
import { LANGUAGES, type Language } from "../../i18n.js";
import type { BotConversation, InnerContext } from "../context.js";
import { mainMenuKeyboard } from "../features/main-menu.js";

/*
 * Questions the joining, settings and roster dialogues share. Each waits in a loop: an answer
 * that does not fit gets a short hint and the question stands; a command typed instead leaves the
 * dialogue and runs as usual.
 */

/** The next message or button press in this chat. */
export async function nextAnswer(conversation: BotConversation): Promise<InnerContext> {
  const answer = await conversation.wait();
  if (answer.message?.text?.startsWith("/")) await conversation.halt({ next: true });
  // Not ours to answer (e.g. the chat's member status changed): let the rest of the bot see it.
  if (!answer.message && !answer.callbackQuery) await conversation.skip({ next: true });
  return answer;
}

/** The answer does not fit: a short hint (and the spinner of a stray button stops). */
export async function hint(answer: InnerContext, key: string, options: Record<string, unknown> = {}): Promise<void> {
  if (answer.callbackQuery) await answer.answerCallbackQuery();
  await answer.reply(answer.t(key, options));
}

export async function askFullName(conversation: BotConversation, ctx: InnerContext, questionKey: string): Promise<string> {
  await ctx.reply(ctx.t(questionKey));
  for (;;) {
    const answer = await nextAnswer(conversation);
    const name = answer.message?.text === undefined ? undefined : normalizeFullName(answer.message.text);
    if (name) return name;
    await hint(answer, "settings.badName");
  }
}

export interface PhoneAnswer {
  /** The number, unless one of the other buttons was pressed. */
  phone?: string;
  /** The locale key of the other button pressed (e.g. skip). */
  choice?: string;
  answer: InnerContext;
}

/**
 * A phone number from Telegram's contact button (the person's own contact only) or typed.
 * `otherKeys` label more buttons of the reply keyboard, e.g. «Пропустить».
 */
export async function askPhone(
  conversation: BotConversation,
  ctx: InnerContext,
  questionKey: string,
  otherKeys: readonly string[],
): Promise<PhoneAnswer> {
  const keyboard = new Keyboard().requestContact(ctx.t("onboarding.shareContact"));
  for (const key of otherKeys) keyboard.row().text(ctx.t(key));
  await ctx.reply(ctx.t(questionKey), { reply_markup: keyboard.resized().oneTime() });
  for (;;) {
    const answer = await nextAnswer(conversation);
    const contact = answer.message?.contact;
    if (contact && contact.user_id !== answer.from?.id) {
      await hint(answer, "onboarding.notYourContact");
      continue;
    }
    const text = answer.message?.text?.trim();
    const choice = otherKeys.find((key) => text !== undefined && text === answer.t(key));
    if (choice) return { choice, answer };
    const phone = normalizePhone(contact?.phone_number ?? text ?? "");
    if (phone) return { phone, answer };
    await hint(answer, "onboarding.badPhone");
  }
}

/** After a question with its own reply keyboard (or a new language): the main menu again for staff, else none. */
export function restoredKeyboard(ctx: Pick<InnerContext, "actor" | "t">, t: TFunction = ctx.t): Keyboard | { remove_keyboard: true } {
  return ctx.actor?.schoolId !== undefined ? mainMenuKeyboard(t, ctx.actor) : { remove_keyboard: true };
}

export interface LanguageAnswer {
  language: Language;
  answer: InnerContext;
}

/** Language buttons with callback data `<prefix>:lang:<code>`. */
export async function askLanguage(conversation: BotConversation, ctx: InnerContext, prefix: string): Promise<LanguageAnswer> {
  const keyboard = new InlineKeyboard();
  for (const language of LANGUAGES) keyboard.text(ctx.t(`language.${language}`), `${prefix}:lang:${language}`);
  await ctx.reply(ctx.t("settings.askLanguage"), { reply_markup: keyboard });
  for (;;) {
    const answer = await nextAnswer(conversation);
    const data = answer.callbackQuery?.data ?? "";
    const language = LANGUAGES.find((l) => data === `${prefix}:lang:${l}`);
    if (language) {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return { language, answer };
    }
    await hint(answer, "settings.pressButton");
  }
}

/** A use case's outcome as plain data, which survives the dialogue's storage (an AppError would not). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: AppErrorCode };

export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}
