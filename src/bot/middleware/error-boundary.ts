import type { BotError, Context, MiddlewareFn, Transformer } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { AppError, type AppErrorCode } from "../../app/app-error.js";
import { CaseError } from "../../domain/case/index.js";
import type { BotContext } from "../context.js";

/*
 * The one place where a failed handler is turned into words for the user. A refusal (an AppError,
 * or a domain CaseError) is said in the user's language from `errors.<code>` and logged at info; anything
 * else gets the apology and is logged as an error. A button press is answered exactly once: with
 * the text as a toast if the handler had not answered it yet, otherwise the text is a reply.
 * Dialogues do not word refusals either: one ends the dialogue and arrives here (the kit's `run`,
 * decision 012); nothing else in the bot turns a code into words (test/architecture/one-way-to-fail).
 */

/** Locale keys a handler says for refusals instead of `errors.<code>`; `other` for the codes not listed. */
export type RefusalKeys = Partial<Record<AppErrorCode | "other", string>>;

/** Buttons offered with a refusal's reply: the way out of it (e.g. «📋 Открыть план» for an empty plan). */
export type RefusalOffers = Partial<Record<AppErrorCode, InlineKeyboardMarkup>>;

/** The presses being handled now (callback query id → answered yet). */
const pressesInFlight = new Map<string, boolean>();
const refusalKeys = new WeakMap<object, RefusalKeys>();
const refusalOffers = new WeakMap<object, RefusalOffers>();

const noteAnswer: Transformer = (prev, method, payload, signal) => {
  if (method === "answerCallbackQuery") {
    const id = (payload as { callback_query_id: string }).callback_query_id;
    if (pressesInFlight.has(id)) pressesInFlight.set(id, true);
  }
  return prev(method, payload, signal);
};

/** Remembers whether this update's callback query has been answered. */
export const trackAnswer: MiddlewareFn<BotContext> = async (ctx, next) => {
  const id = ctx.callbackQuery?.id;
  if (id === undefined) return next();
  pressesInFlight.set(id, false);
  ctx.api.config.use(noteAnswer);
  try {
    await next();
  } finally {
    pressesInFlight.delete(id);
  }
};

/** The same inside dialogues: the conversations plugin gives their context an Api of its own. */
export const trackAnswerInDialogue: MiddlewareFn<Context> = (ctx, next) => {
  if (ctx.callbackQuery) ctx.api.config.use(noteAnswer);
  return next();
};

/** The code of a refusal (an AppError, or a domain CaseError alike); undefined for anything unexpected. */
export function refusalCode(error: unknown): AppErrorCode | undefined {
  return error instanceof AppError || error instanceof CaseError ? error.code : undefined;
}

/** A handler's own words for refusals met from here on in this update (e.g. «Этот сигнал недоступен.»). */
export function sayOnRefusal(ctx: object, keys: RefusalKeys, offers: RefusalOffers = {}): void {
  refusalKeys.set(ctx, keys);
  refusalOffers.set(ctx, offers);
}

/** The text the boundary shows for `error`, and whether it is a refusal. */
export function errorText(ctx: BotContext, error: unknown): { text: string; refusal: boolean } {
  const code = refusalCode(error);
  if (code === undefined) return { text: ctx.t("common.error"), refusal: false };
  const keys = refusalKeys.get(ctx);
  return { text: ctx.t(keys?.[code] ?? keys?.other ?? `errors.${code}`), refusal: true };
}

export async function handleBotError(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  const { text, refusal } = errorText(ctx, error.error);
  if (refusal) ctx.log.info({ err: error.error, data: ctx.callbackQuery?.data }, "refused");
  else ctx.log.error({ err: error.error }, "handler failed");
  // The answer itself must not throw out of the boundary.
  const unanswered = ctx.callbackQuery !== undefined && pressesInFlight.get(ctx.callbackQuery.id) !== true;
  if (refusal && unanswered) {
    await ctx.answerCallbackQuery({ text }).catch(() => undefined);
    return;
  }
  const code = refusalCode(error.error);
  const offer = code !== undefined ? refusalOffers.get(ctx)?.[code] : undefined;
  await ctx.reply(text, offer ? { reply_markup: offer } : {}).catch(() => undefined);
  if (unanswered) await ctx.answerCallbackQuery().catch(() => undefined);
}
