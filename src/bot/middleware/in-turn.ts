import type { Context, Middleware, MiddlewareFn, NextFunction } from "grammy";

/*
 * The features, and the dialogues, take an update in turn (decision 023). grammY nests middleware:
 * each part that passes an update on awaits the rest of the chain, so a press answered by the
 * thirtieth feature keeps ~150 suspended frames alive while its reply is awaited. With 100 chats
 * in flight that is enough to survive the young generation's collections and be promoted: GC was
 * 40 % of a card press's CPU. Here each part runs to its end before the next one starts.
 */

const PASSED: Promise<void> = Promise.resolve();

/**
 * Runs `parts` one after another while each passes the update on (calls `next`); the first one
 * that does not has handled it. Then the chain goes on after them.
 *
 * The one difference from `Composer.use(a, b, …)`: a part's `next()` resolves at once, so code
 * after `await next()` runs before the later parts, not after them. A part that must act after
 * the rest (the menu shown after /start) stays outside, nested as grammY does it.
 */
export function inTurn<C extends Context>(...parts: Middleware<C>[]): MiddlewareFn<C> {
  const handlers = parts.map((part) => (typeof part === "function" ? part : part.middleware()));
  return async (ctx: C, next: NextFunction) => {
    for (const handler of handlers) {
      let passedOn = false;
      await handler(ctx, () => {
        passedOn = true;
        return PASSED;
      });
      if (!passedOn) return;
    }
    await next();
  };
}
