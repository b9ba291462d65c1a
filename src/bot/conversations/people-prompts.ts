import { Keyboard } from "grammy";
import type { TFunction } from "i18next";
import { normalizeFullName, normalizePhone } from "../../app/people/person-details.js";
import { LANGUAGES, type Language } from "../../i18n.js";
import type { BotConversation, InnerContext } from "../context.js";
import { mainMenuKeyboard } from "../features/main-menu.js";
import { accept, ask, askChoice, askText, choicesOf, refuse, type Reading } from "./kit/index.js";
import { defineCallback, oneOf, type CallbackCodec } from "../../app/callback-data.js";

/*
 * Questions the joining, settings and roster dialogues share, on the dialogue kit: an answer that
 * does not fit gets a short hint and the question stands; a command typed instead leaves the
 * dialogue and runs as usual. Each gives undefined when the dialogue ended on «Отмена».
 */

export async function askFullName(conversation: BotConversation, ctx: InnerContext, questionKey: string): Promise<string | undefined> {
  const answer = await askText(conversation, ctx, {
    prompt: ctx.t(questionKey),
    cancelButton: false,
    hint: "settings.badName",
    buttonHint: (_data, c) => c.t("settings.badName"),
    check: (text, c) => (normalizeFullName(text) ? undefined : c.t("settings.badName")),
  });
  return answer ? normalizeFullName(answer.value) : undefined;
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
): Promise<PhoneAnswer | undefined> {
  const keyboard = new Keyboard().requestContact(ctx.t("onboarding.shareContact"));
  for (const key of otherKeys) keyboard.row().text(ctx.t(key));
  const read = (c: InnerContext): Reading<{ phone?: string; choice?: string }> => {
    const contact = c.message?.contact;
    if (contact && contact.user_id !== c.from?.id) return refuse(c.t("onboarding.notYourContact"));
    const text = c.message?.text?.trim();
    const choice = otherKeys.find((key) => text !== undefined && text === c.t(key));
    if (choice) return accept({ choice });
    const phone = normalizePhone(contact?.phone_number ?? text ?? "");
    return phone ? accept({ phone }) : refuse(c.t("onboarding.badPhone"));
  };
  const answer = await ask(conversation, ctx, read, { prompt: { text: ctx.t(questionKey), keyboard: keyboard.resized().oneTime() } });
  return answer ? { ...answer.value, answer: answer.ctx } : undefined;
}

/** After a question with its own reply keyboard (or a new language): the main menu again for staff, else none. */
export function restoredKeyboard(ctx: Pick<InnerContext, "actor" | "t">, t: TFunction = ctx.t): Keyboard | { remove_keyboard: true } {
  return ctx.actor?.schoolId !== undefined ? mainMenuKeyboard(t, ctx.actor) : { remove_keyboard: true };
}

export interface LanguageAnswer {
  language: Language;
  answer: InnerContext;
}

/** The language buttons of a dialogue: "<prefix>:lang:<code>". */
export type LanguageCodec = CallbackCodec<{ action: "lang"; language: Language }>;

export function languageCallback(prefix: string): LanguageCodec {
  return defineCallback(prefix, { action: oneOf("lang"), language: oneOf(...LANGUAGES) });
}

export async function askLanguage(
  conversation: BotConversation,
  ctx: InnerContext,
  codec: LanguageCodec,
): Promise<LanguageAnswer | undefined> {
  const chosen = await askChoice(conversation, ctx, {
    prompt: ctx.t("settings.askLanguage"),
    choices: choicesOf(
      codec,
      LANGUAGES.map((language) => ({ label: ctx.t(`language.${language}`), data: { action: "lang" as const, language }, value: language })),
    ),
    cancelButton: false,
    dropButtons: true,
    hint: "settings.pressButton",
  });
  return chosen ? { language: chosen.value, answer: chosen.ctx } : undefined;
}
