import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { parseRussianDate, type LocalDate } from "../../domain/dates.js";
import { can } from "../../app/access-policy.js";
import { getCaseCard } from "../../app/cases/get-case-card.js";
import { DIALOGUE_DATA } from "../views/callback-data.js";
import { refusalText } from "../views/case-errors.js";
import { caseTitle } from "../views/case-card-view.js";
import { fullDate } from "../views/format.js";
import { buildCaseCardMessage } from "../views/show-case-card.js";

/*
 * What the case dialogues share. Every database or clock call runs inside conversation.external
 * and returns plain JSON, so a dialogue replays the same way after a restart.
 */

/** The step a dialogue works on, as it stood when the dialogue began. */
export interface DialogueStep {
  caseId: number;
  subject: string;
  stepId: string;
  number: string;
  recurring: boolean;
  question?: { text: string; answers: { id: string; label: string }[] };
  openedOn: LocalDate;
  today: LocalDate;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; text: string };

/** The step at `index` of an open case the actor may work on, or why not. */
export async function loadDialogueStep(deps: BotDeps, ctx: InnerContext, caseId: number, index: number): Promise<Loaded<DialogueStep>> {
  const { t, lang, actor } = ctx;
  if (!actor) return { ok: false, text: t("card.unavailable") };
  try {
    const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
    const resource = { schoolId: actor.schoolId ?? -1, teacherMemberId: Number(card.state.teacherId) };
    if (!can(actor, "completeStep", resource)) return { ok: false, text: t("common.notAllowed") };
    if (card.state.status !== "open") return { ok: false, text: t("caseErrors.caseClosed") };
    const step = card.regulation.steps[index];
    if (!step) return { ok: false, text: t("caseErrors.unknownStep") };
    if (card.state.steps[step.id]?.state !== "open") return { ok: false, text: t("caseErrors.stepAlreadyResolved") };
    return {
      ok: true,
      value: {
        caseId,
        subject: caseTitle(card),
        stepId: step.id,
        number: step.number,
        recurring: step.timing.kind === "recurring",
        ...(step.question
          ? { question: { text: step.question.text[lang], answers: step.question.answers.map((a) => ({ id: a.id, label: a.label[lang] })) } }
          : {}),
        openedOn: card.state.openedOn,
        today: card.today,
      },
    };
  } catch (error) {
    const text = refusalText(t, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
}

/** Runs a change; a refusal comes back as its translated text instead of an exception. */
export async function attempt(ctx: InnerContext, run: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; text: string }> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    const text = refusalText(ctx.t, error);
    if (text === undefined) throw error;
    ctx.log.info({ err: error }, "case change refused");
    return { ok: false, text };
  }
}

export function cancelKeyboard(ctx: InnerContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
}

export async function cancelled(ctx: InnerContext): Promise<undefined> {
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("steps.cancelled"));
  return undefined;
}

const MENU_KEYS = ["menu.new", "menu.today", "menu.cases", "menu.search"];

/**
 * A command or a button of the main menu means the person went elsewhere: the dialogue ends
 * and the update goes on to its handler (/cancel is handled before any dialogue).
 */
export function leavesDialogue(ctx: InnerContext): boolean {
  const message = ctx.message;
  if (!message?.text) return false;
  if (message.entities?.some((e) => e.type === "bot_command" && e.offset === 0)) return true;
  const text = message.text.trim();
  return MENU_KEYS.some((key) => ctx.t(key, { defaultValue: "" }) === text);
}

export interface Typed {
  text: string;
  ctx: InnerContext;
}

/**
 * Asks for a line of text; undefined when the person pressed «Отмена». Buttons and anything else
 * get a hint, and the dialogue keeps waiting for the text.
 */
export async function askText(
  conversation: BotConversation,
  ctx: InnerContext,
  prompt: string,
  options: { max?: number; keyboard?: InlineKeyboard; accept?: (next: InnerContext) => boolean } = {},
): Promise<Typed | { other: InnerContext } | undefined> {
  const max = options.max ?? 1000;
  await ctx.reply(prompt, { reply_markup: options.keyboard ?? cancelKeyboard(ctx) });
  for (;;) {
    const next = await conversation.wait();
    if (leavesDialogue(next)) await conversation.halt({ next: true });
    if (options.accept?.(next)) return { other: next };
    const data = next.callbackQuery?.data;
    if (data === DIALOGUE_DATA.cancel) return cancelled(next);
    if (next.callbackQuery) {
      await next.answerCallbackQuery({ text: next.t("steps.typeText") });
      continue;
    }
    if (!next.message) continue;
    const text = next.message.text?.trim().replace(/[ \t]+/g, " ");
    if (!text) {
      await next.reply(next.t("steps.typeText"));
      continue;
    }
    if (text.length > max) {
      await next.reply(next.t("steps.tooLong", { max }));
      continue;
    }
    return { text, ctx: next };
  }
}

/** Plain text only: the common case of askText. */
export async function askPlainText(conversation: BotConversation, ctx: InnerContext, prompt: string, max?: number): Promise<Typed | undefined> {
  const answer = await askText(conversation, ctx, prompt, max !== undefined ? { max } : {});
  return answer && "text" in answer ? answer : undefined;
}

/** Asks to choose one of `choices` (callback data → value) by button; undefined on «Отмена». */
export async function askChoice<T extends string>(
  conversation: BotConversation,
  ctx: InnerContext,
  prompt: string,
  choices: { label: string; data: string; value: T }[],
  options: { cancel?: boolean } = {},
): Promise<{ value: T; ctx: InnerContext } | undefined> {
  const keyboard = new InlineKeyboard();
  for (const choice of choices) keyboard.text(choice.label, choice.data).row();
  if (options.cancel !== false) keyboard.text(ctx.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
  await ctx.reply(prompt, { reply_markup: keyboard });
  for (;;) {
    const next = await conversation.wait();
    if (leavesDialogue(next)) await conversation.halt({ next: true });
    const data = next.callbackQuery?.data;
    if (data === DIALOGUE_DATA.cancel) return cancelled(next);
    const choice = choices.find((c) => c.data === data);
    if (choice) {
      await next.answerCallbackQuery();
      return { value: choice.value, ctx: next };
    }
    if (next.callbackQuery) await next.answerCallbackQuery({ text: next.t("steps.pressButton") });
    else if (next.message) await next.reply(next.t("steps.pressButton"));
  }
}

/** The answer to the step's question, when it asks one. */
export async function askStepAnswer(conversation: BotConversation, ctx: InnerContext, step: DialogueStep) {
  const question = step.question!;
  return askChoice(
    conversation,
    ctx,
    question.text,
    question.answers.map((a, i) => ({ label: a.label, data: DIALOGUE_DATA.answer(i), value: a.id })),
  );
}

/**
 * A date the teacher types as 25.11 or 25.11.2026. Without a year it is the latest such date not
 * after `today` (in January, 28.12 is last December).
 */
export function parsePastDate(text: string, today: LocalDate): LocalDate | undefined {
  const year = Number(today.slice(0, 4));
  const date = parseRussianDate(text, year);
  if (!date) return undefined;
  const typedYear = /^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*$/.test(text);
  return !typedYear && date > today ? parseRussianDate(text, year - 1) : date;
}

/** Like parsePastDate, for deadlines: without a year, the next such date on or after `today`. */
export function parseComingDate(text: string, today: LocalDate): LocalDate | undefined {
  const year = Number(today.slice(0, 4));
  const date = parseRussianDate(text, year);
  if (!date) return undefined;
  const typedYear = /^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*$/.test(text);
  return !typedYear && date < today ? parseRussianDate(text, year + 1) : date;
}

/** A past date within the case: not after today, not before the case opened. */
export async function askPastDate(conversation: BotConversation, ctx: InnerContext, prompt: string, step: DialogueStep) {
  let question = prompt;
  for (;;) {
    const typed = await askPlainText(conversation, ctx, question, 20);
    if (!typed) return undefined;
    const date = parsePastDate(typed.text, step.today);
    if (!date) question = typed.ctx.t("steps.badDate");
    else if (date > step.today) question = typed.ctx.t("caseErrors.dateInFuture") + " " + typed.ctx.t("steps.dateBounds", bounds(step));
    else if (date < step.openedOn) question = typed.ctx.t("caseErrors.dateBeforeOpening") + " " + typed.ctx.t("steps.dateBounds", bounds(step));
    else return { date, ctx: typed.ctx };
    ctx = typed.ctx;
  }
}

function bounds(step: DialogueStep) {
  return { from: fullDate(step.openedOn), to: fullDate(step.today) };
}

/** Ends a dialogue with a short confirmation and the case card, as a new message. */
export async function finishWithCard(conversation: BotConversation, ctx: InnerContext, deps: BotDeps, caseId: number, confirmation?: string) {
  const message = await conversation.external(() => buildCaseCardMessage(deps, ctx.actor, ctx.t, ctx.lang, caseId));
  if (confirmation) await ctx.reply(confirmation);
  if (message.ok) await ctx.reply(message.text, { reply_markup: message.reply_markup });
  else await ctx.reply(message.text);
}
