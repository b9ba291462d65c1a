import type { CallbackQueryContext, Composer } from "grammy";
import type { CallbackCodec } from "../../app/callback-data.js";
import { onCallback } from "../callback.js";
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
 * An /admin button: the data is decoded by its codec (data that does not parse goes on, in the end
 * to «Эта кнопка устарела») and never trusted (the use cases check the policy and the school
 * again); the callback query is answered exactly once, with the handler's notice if any.
 */
export function onAdminPress<T>(
  composer: Composer<BotContext>,
  codec: CallbackCodec<T>,
  handler: (ctx: CallbackQueryContext<BotContext>, data: T) => Promise<string | void>,
) {
  onCallback(composer, codec, async (ctx, data) => {
    sayOnRefusal(ctx, ADMIN_REFUSALS);
    const notice = (await handler(ctx, data)) ?? undefined;
    await ctx.answerCallbackQuery(notice ? { text: notice, show_alert: notice.length > 60 } : undefined);
  });
}
