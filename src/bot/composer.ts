import { Composer, type Context, type Middleware, type MiddlewareFn } from "grammy";

type MaybePromise<T> = T | Promise<T>;
type MaybeArray<T> = T | T[];

const pass: MiddlewareFn<Context> = (_ctx, next) => next();

/**
 * grammY's Composer with a cheaper `branch`, which every handler goes through (`command`, `on`,
 * `callbackQuery`, `chatType`, ... all call `filter`, which calls `branch`). grammY builds its
 * branch on `lazy`: per update and per handler it awaits a factory, wraps the chosen side in an
 * array, builds a new Composer around it and calls it. An update passes 60–300 handlers here,
 * so those throw-away objects were most of what an update allocated, and collecting them a large
 * share of its time. This branch builds both sides once and picks one per update: the same
 * middleware runs with the same `next`, in the same order (a Composer calls `middleware()` of a
 * composer it holds on every run, so handlers added to a side later are seen as before).
 * `filter` returns a BotComposer too, so chained handlers (`feature.chatType(...).command(...)`)
 * get the same branch.
 */
export class BotComposer<C extends Context> extends Composer<C> {
  override branch(
    predicate: (ctx: C) => MaybePromise<boolean>,
    trueMiddleware: MaybeArray<Middleware<C>>,
    falseMiddleware: MaybeArray<Middleware<C>>,
  ): Composer<C> {
    const onTrue = composed(trueMiddleware);
    const onFalse = composed(falseMiddleware);
    return this.use(async (ctx, next) => {
      await ((await predicate(ctx)) ? onTrue : onFalse)(ctx, next);
    });
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new BotComposer<C>(...middleware);
    this.branch(predicate, composer, pass as MiddlewareFn<C>);
    return composer;
  }
}

/** What grammY's lazy ran per update (`new Composer(...[middleware].flat())`), built once. */
function composed<C extends Context>(middleware: MaybeArray<Middleware<C>>): MiddlewareFn<C> {
  return new Composer<C>(...(Array.isArray(middleware) ? middleware : [middleware])).middleware();
}
