import { Keyboard } from "grammy";
import type { TFunction } from "i18next";
import { normalizeFullName, normalizePhone } from "../../app/people/person-details.js";
import { LANGUAGES, type Language } from "../../i18n.js";
import type { BotConversation, InnerContext } from "../context.js";
import { mainMenuKeyboard } from "../features/main-menu.js";
import { accept, ask, askChoice, askText, choicesOf, refuse, run, type Reading } from "./kit/index.js";
import { saveMyName, saveMyNameForms } from "../../app/people/save-my-name.js";
import type { PeopleDeps } from "../../app/people/operator.js";
import { defineCallback, int, oneOf, type CallbackCodec } from "../../app/callback-data.js";
import type { NameForms } from "../../domain/people/declension.js";
import { readOwnForms } from "../../domain/people/declension.js";

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

/** The buttons under the name-forms question: "nameform:<guess>". */
const NAME_FORMS = defineCallback("nameform", { guess: int(9) });

/**
 * How the name reads «кому» and «от кого», asked once when the library is not sure of it: a button
 * for each of its guesses («Верно: …»), or both forms typed on two lines. Undefined on «Отмена».
 */
export async function askNameForms(
  conversation: BotConversation,
  ctx: InnerContext,
  fullName: string,
  guesses: readonly NameForms[],
): Promise<{ dative: string; genitive: string; answer: InnerContext } | undefined> {
  const shown = guesses.slice(0, 3);
  const lines = shown.map((g) => ctx.t("names.guess", { dative: g.dative, genitive: g.genitive })).join("\n\n");
  const answer = await askText(conversation, ctx, {
    prompt: ctx.t(shown.length > 1 ? "names.askFormsChoice" : "names.askForms", { guesses: lines }),
    or: choicesOf(
      NAME_FORMS,
      shown.map((g, i) => ({ label: ctx.t("names.right", { dative: g.dative }), data: { guess: i }, value: g })),
    ),
    cancelButton: false,
    hint: "names.badForms",
    check: (text, c) => (splitForms(fullName, text) ? undefined : c.t("names.badForms")),
  });
  if (!answer) return undefined;
  if ("pressed" in answer) return { dative: answer.pressed.dative, genitive: answer.pressed.genitive, answer: answer.ctx };
  const typed = splitForms(fullName, answer.value)!;
  return { ...typed, answer: answer.ctx };
}

/** «Кому» and «от кого» typed on two lines (or with «;» between). */
function splitForms(fullName: string, text: string): { dative: string; genitive: string } | undefined {
  const parts = text
    .split(/[\n;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length === 2 ? readOwnForms(fullName, parts[0]!, parts[1]!) : undefined;
}

/**
 * Saves the name typed; when the library is not sure how it declines and the person has not said,
 * asks once how it reads «кому» and «от кого», and saves that too. Gives the update to reply
 * through, or undefined when the dialogue ended.
 */
export async function saveName(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: PeopleDeps,
  fullName: string,
): Promise<InnerContext | undefined> {
  const telegramId = ctx.from!.id;
  const saved = await run(conversation, () => saveMyName(deps, { telegramId, fullName }));
  if (!saved.askForms) return ctx;
  const forms = await askNameForms(conversation, ctx, fullName, saved.askForms);
  if (!forms) return undefined;
  const { dative, genitive, answer } = forms;
  await run(conversation, () => saveMyNameForms(deps, { telegramId, fullName, dative, genitive }));
  await answer.reply(answer.t("names.formsSaved", { dative, genitive }));
  return answer;
}
