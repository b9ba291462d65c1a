import type { CallbackQueryContext, Composer } from "grammy";
import { sayOnRefusal } from "../middleware/error-boundary.js";
import type { BotContext } from "../context.js";

/** The /admin section's words for refusals, its buttons' and its dialogues' (the detail goes to the log). */
export const ADMIN_REFUSALS = {
  forbidden: "admin.errors.forbidden",
  notFound: "admin.errors.notFound",
  conflict: "admin.errors.conflict",
  invalidInput: "admin.errors.invalidInput",
  other: "common.notAllowed",
} as const;

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
    sayOnRefusal(ctx, ADMIN_REFUSALS);
    const notice =
      (await handler(
        ctx,
        (ctx.match as RegExpMatchArray)
          .slice(1)
          .filter((x) => x !== undefined)
          .map(Number),
      )) ?? undefined;
    await ctx.answerCallbackQuery(notice ? { text: notice, show_alert: notice.length > 60 } : undefined);
  });
}
