import type { CallbackQueryContext, Composer } from "grammy";
import type { TFunction } from "i18next";
import { AppError } from "../../app/app-error.js";
import type { BotContext } from "../context.js";

/** A refusal or failed check as a short translated notice (the detail goes to the log). */
export function adminErrorText(t: TFunction, error: unknown): string | undefined {
  if (!(error instanceof AppError)) return undefined;
  return t(`admin.errors.${error.code}`, { defaultValue: t("common.notAllowed") });
}

/**
 * An /admin button: the data is parsed, never trusted (the use cases check the policy and the
 * school again), and the callback query is answered exactly once, with the handler's notice if any.
 */
export function onAdminPress(
  composer: Composer<BotContext>,
  pattern: RegExp,
  handler: (ctx: CallbackQueryContext<BotContext>, args: number[]) => Promise<string | void>,
) {
  composer.callbackQuery(pattern, async (ctx) => {
    let notice: string | undefined;
    try {
      notice = (await handler(ctx, (ctx.match as RegExpMatchArray).slice(1).filter((x) => x !== undefined).map(Number))) ?? undefined;
    } catch (error) {
      notice = adminErrorText(ctx.t, error);
      if (notice === undefined) throw error;
      ctx.log.info({ err: error, data: ctx.callbackQuery.data }, "admin press refused");
    }
    await ctx.answerCallbackQuery(notice ? { text: notice, show_alert: notice.length > 60 } : undefined);
  });
}
