import type { CallbackQueryContext, Composer, NextFunction } from "grammy";
import type { CallbackCodec } from "../app/callback-data.js";
import type { BotContext } from "./context.js";

/**
 * Registers a handler for one codec's buttons; it gets the decoded data. Data that does not parse
 * goes on to the next handler (in the end «Эта кнопка устарела»).
 */
export function onCallback<C extends BotContext, T>(
  composer: Composer<C>,
  codec: CallbackCodec<T>,
  handler: (ctx: CallbackQueryContext<C>, data: T, next: NextFunction) => Promise<unknown>,
): void {
  composer.callbackQuery(new RegExp(`^${codec.prefix}(?::|$)`), async (ctx, next) => {
    const data = codec.decode(ctx.callbackQuery.data);
    if (data === undefined) return next();
    await handler(ctx, data, next);
  });
}
