import { InlineKeyboard, type Keyboard } from "grammy";
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import type { CallbackCodec } from "../../../app/callback-data.js";
import type { BotConversation, InnerContext } from "../../context.js";
import { DIALOGUE_CALLBACK } from "../../views/callback-data.js";

/*
 * The dialogue kit: one way to ask in a dialogue (docs/architecture: "One way to ask").
 *
 * Every question waits with the plugin's own form field (conversation.form.build) and `otherwise`:
 * - an answer that does not fit gets a hint (a toast under a pressed button, a message under a
 *   typed one) and is dropped from the dialogue's history, so the question stands as it was;
 * - a command, or a button of the main menu, ends the dialogue and runs as usual (/cancel is
 *   handled ahead of every dialogue);
 * - the shared «Отмена» button ends the dialogue with «ничего не сохранено» (undefined comes back);
 * - buttons are written with a callback codec and read back through it (choicesOf): a press whose
 *   data does not decode, or decodes to no choice of the question, is not an answer;
 * - anything that is neither a message nor a button press goes on to the rest of the bot.
 * Checks that need the database or the clock run inside conversation.external.
 */

export type Markup = InlineKeyboard | Keyboard | InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;

/** What the question says, and its buttons. */
export interface Prompt {
  text: string;
  keyboard?: Markup;
}

/** How an update reads as an answer: its value, or the hint to show. */
export type Reading<T> = { ok: true; value: T } | { ok: false; hint: string };

export function accept<T>(value: T): Reading<T> {
  return { ok: true, value };
}

export function refuse(hint: string): Reading<never> {
  return { ok: false, hint };
}

/** The answer, and the update that brought it (reply through it: its actor and language are current). */
export interface Answer<T> {
  value: T;
  ctx: InnerContext;
}

/** A button that answers a question (e.g. «Сегодня», «Без срока»): its label, its data for a codec, what it means. */
export interface Choice<V, D> {
  label: string;
  data: D;
  value: V;
}

/** The buttons of one question, written and read by one callback codec. */
export interface Choices<V> {
  /** One a row, in order: the label and the encoded callback data. */
  readonly buttons: readonly { label: string; data: string }[];
  /** What a press means: its data decoded by the codec and matched field by field; undefined for anything else. */
  read(data: string): { value: V } | undefined;
}

export function choicesOf<D extends object, V>(codec: CallbackCodec<D>, list: readonly Choice<V, D>[]): Choices<V> {
  return {
    buttons: list.map((choice) => ({ label: choice.label, data: codec.encode(choice.data) })),
    read(data) {
      const pressed = codec.decode(data);
      const choice = pressed === undefined ? undefined : list.find((c) => sameFields(c.data, pressed));
      return choice ? { value: choice.value } : undefined;
    },
  };
}

/** The same fields with the same values (a field left out and one set to undefined are the same). */
export function sameFields(a: object, b: object): boolean {
  const set = (o: object) => Object.entries(o).filter(([, value]) => value !== undefined);
  const other = b as Record<string, unknown>;
  return set(a).length === set(b).length && set(a).every(([key, value]) => other[key] === value);
}

const CANCEL = { action: "cancel" } as const;
/** The data of the shared «Отмена» button. */
export const CANCEL_DATA = DIALOGUE_CALLBACK.encode(CANCEL);

/** The shared «Отмена» button. */
export function isCancel(data: string | undefined): boolean {
  const pressed = data === undefined ? undefined : DIALOGUE_CALLBACK.decode(data);
  return pressed !== undefined && sameFields(pressed, CANCEL);
}

/** The answer was a button of `or`, not typed. */
export interface Pressed<V> {
  pressed: V;
  ctx: InnerContext;
}

export interface AskOptions {
  /** Sent before waiting; leave it out when the question is already on the screen. */
  prompt?: string | Prompt;
  /** The reply to «Отмена» (a locale key); "steps.cancelled" unless said. */
  cancelled?: string;
}

/** The main menu's buttons (the reply keyboard of staff): pressing one leaves the dialogue. */
const MENU_LABEL_KEYS = ["menu.new", "menu.today", "menu.cases", "menu.search", "sos.menuButton"];

/** A command, or a main-menu button: the person went elsewhere. */
export function leavesDialogue(ctx: InnerContext): boolean {
  const message = ctx.message;
  if (message?.text === undefined) return false;
  if (message.text.startsWith("/") || message.entities?.some((e) => e.type === "bot_command" && e.offset === 0)) return true;
  const text = message.text.trim();
  return MENU_LABEL_KEYS.some((key) => ctx.t(key, { defaultValue: "" }) === text);
}

export async function say(ctx: InnerContext, prompt: string | Prompt): Promise<void> {
  const { text, keyboard } = typeof prompt === "string" ? { text: prompt, keyboard: undefined } : prompt;
  await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
}

/** A hint under the update that did not fit: a toast for a button, a message for anything typed. */
export async function showHint(ctx: InnerContext, hint: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: hint });
  else await ctx.reply(hint);
}

type Outcome<T> =
  | { kind: "value"; value: T; ctx: InnerContext }
  | { kind: "cancel"; ctx: InnerContext }
  | { kind: "leave" }
  | { kind: "pass" };

/**
 * The kit's one wait: sends the prompt (if any), then takes the first update that `read` accepts.
 * A pressed button that is accepted is not answered here: the caller answers it (a toast may depend
 * on the database).
 */
export async function ask<T>(
  conversation: BotConversation,
  ctx: InnerContext,
  read: (c: InnerContext) => Reading<T>,
  options: AskOptions = {},
): Promise<Answer<T> | undefined> {
  if (options.prompt !== undefined) await say(ctx, options.prompt);
  const outcome = await conversation.form.build<Outcome<T>, string>({
    validate: (c) => {
      if (leavesDialogue(c)) return { ok: true, value: { kind: "leave" } };
      if (isCancel(c.callbackQuery?.data)) return { ok: true, value: { kind: "cancel", ctx: c } };
      if (!c.message && !c.callbackQuery) return { ok: true, value: { kind: "pass" } };
      const reading = read(c);
      return reading.ok ? { ok: true, value: { kind: "value", value: reading.value, ctx: c } } : { ok: false, error: reading.hint };
    },
    otherwise: (c, hint) => showHint(c, hint),
  });
  switch (outcome.kind) {
    case "leave":
      return conversation.halt({ next: true });
    case "pass":
      return conversation.skip({ next: true });
    case "cancel":
      await outcome.ctx.answerCallbackQuery();
      await outcome.ctx.reply(outcome.ctx.t(options.cancelled ?? "steps.cancelled"));
      return undefined;
    case "value":
      return { value: outcome.value, ctx: outcome.ctx };
  }
}

export function cancelButton(ctx: InnerContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("steps.cancelButton"), CANCEL_DATA);
}

/** The buttons of `choices`, one a row, then «Отмена» unless `cancel` is false. */
export function choiceKeyboard(ctx: InnerContext, choices: Choices<unknown> | undefined, cancel = true): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const button of choices?.buttons ?? []) keyboard.text(button.label, button.data).row();
  if (cancel) keyboard.text(ctx.t("steps.cancelButton"), CANCEL_DATA);
  return keyboard;
}

/** Removes the buttons of the message a button was pressed on (a failure is no reason to stop). */
export async function dropButtons(ctx: InnerContext): Promise<void> {
  await ctx.editMessageReplyMarkup().catch(() => undefined);
}

export interface TextOptions<V> {
  prompt: string | Prompt;
  /** The longest answer (after trimming); 1000 unless said. */
  max?: number;
  /** Buttons that answer instead of typing; shown above «Отмена». */
  or?: Choices<V>;
  /** «Отмена» under the prompt (when the prompt has no keyboard of its own); true unless said. */
  cancelButton?: boolean;
  /** The hint for a message without text; "steps.typeText" unless said. */
  hint?: string;
  /** The toast for a button that is not an answer here; "steps.typeText" unless said. */
  buttonHint?: (data: string, c: InnerContext) => string;
  /** Further checks of the typed text: a hint, or undefined when it fits. */
  check?: (text: string, c: InnerContext) => string | undefined;
  cancelled?: string;
}

/** Trims, and folds runs of spaces and tabs (line breaks stay). */
export function cleanText(text: string): string {
  return text.trim().replace(/[ \t]+/g, " ");
}

/** A reader of typed text (or of one of the `or` buttons), with the hints of TextOptions. */
export function textReader<V>(options: Omit<TextOptions<V>, "prompt">) {
  const max = options.max ?? 1000;
  return (c: InnerContext): Reading<{ text: string } | { pressed: V }> => {
    const data = c.callbackQuery?.data;
    if (data !== undefined) {
      const choice = options.or?.read(data);
      if (choice) return accept({ pressed: choice.value });
      return refuse(options.buttonHint ? options.buttonHint(data, c) : c.t("steps.typeText"));
    }
    const text = cleanText(c.message?.text ?? "");
    if (!text) return refuse(c.t(options.hint ?? "steps.typeText"));
    if (text.length > max) return refuse(c.t("steps.tooLong", { max }));
    const problem = options.check?.(text, c);
    return problem === undefined ? accept({ text }) : refuse(problem);
  };
}

function withKeyboard<V>(ctx: InnerContext, options: Pick<TextOptions<V>, "prompt" | "or" | "cancelButton">): string | Prompt {
  const prompt = typeof options.prompt === "string" ? { text: options.prompt } : options.prompt;
  if (prompt.keyboard || (options.cancelButton === false && !options.or?.buttons.length)) return prompt;
  return { text: prompt.text, keyboard: choiceKeyboard(ctx, options.or, options.cancelButton !== false) };
}

/** A line of text; with `or`, one of those buttons instead. Undefined on «Отмена». */
export function askText(
  conversation: BotConversation,
  ctx: InnerContext,
  options: TextOptions<never> & { or?: undefined },
): Promise<Answer<string> | undefined>;
export function askText<V>(
  conversation: BotConversation,
  ctx: InnerContext,
  options: TextOptions<V>,
): Promise<Answer<string> | Pressed<V> | undefined>;
export async function askText<V>(
  conversation: BotConversation,
  ctx: InnerContext,
  options: TextOptions<V>,
): Promise<Answer<string> | Pressed<V> | undefined> {
  const answer = await ask(conversation, ctx, textReader(options), { prompt: withKeyboard(ctx, options), ...pickCancelled(options) });
  if (!answer) return undefined;
  if ("pressed" in answer.value) {
    await answer.ctx.answerCallbackQuery();
    return { pressed: answer.value.pressed, ctx: answer.ctx };
  }
  return { value: answer.value.text, ctx: answer.ctx };
}

function pickCancelled(options: { cancelled?: string }): { cancelled?: string } {
  return options.cancelled !== undefined ? { cancelled: options.cancelled } : {};
}

export interface ChoiceOptions<V> {
  /** With a keyboard of its own, the choices' buttons must be on it (choices.buttons). */
  prompt: string | Prompt;
  choices: Choices<V>;
  /** «Отмена» under the choices; true unless said. */
  cancelButton?: boolean;
  /** Remove the buttons once one is pressed. */
  dropButtons?: boolean;
  /** The hint for a typed message; "steps.pressButton" unless said. */
  hint?: string;
  /** The toast for a button that is not one of the choices; the hint unless said. */
  buttonHint?: (data: string, c: InnerContext) => string;
  cancelled?: string;
}

/** One of `choices`, by button; undefined on «Отмена». */
export async function askChoice<V>(
  conversation: BotConversation,
  ctx: InnerContext,
  options: ChoiceOptions<V>,
): Promise<Answer<V> | undefined> {
  const prompt =
    typeof options.prompt === "string"
      ? { text: options.prompt, keyboard: choiceKeyboard(ctx, options.choices, options.cancelButton !== false) }
      : options.prompt;
  const hint = options.hint ?? "steps.pressButton";
  const answer = await ask(
    conversation,
    ctx,
    (c) => {
      const data = c.callbackQuery?.data;
      const choice = data === undefined ? undefined : options.choices.read(data);
      if (choice) return accept(choice.value);
      return refuse(data !== undefined && options.buttonHint ? options.buttonHint(data, c) : c.t(hint));
    },
    { prompt, ...pickCancelled(options) },
  );
  if (!answer) return undefined;
  await answer.ctx.answerCallbackQuery();
  if (options.dropButtons) await dropButtons(answer.ctx);
  return answer;
}
