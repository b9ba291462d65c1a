import type { Actor } from "../../../app/actor.js";
import { AppError, type AppErrorCode } from "../../../app/app-error.js";
import type { BotContext, BotConversation } from "../../context.js";
import { refusalCode, sayOnRefusal, type RefusalKeys, type RefusalOffers } from "../../middleware/error-boundary.js";

/*
 * One way for a dialogue to call a use case (or read the database or the clock): inside
 * conversation.external, so a replay after a restart does not do it again.
 *
 * A refusal is not caught here: it ends the dialogue. The conversations plugin leaves the dialogue
 * and throws the error on into the middleware, where the error boundary says it once, in the
 * user's language, as for any other handler. A dialogue with words of its own for refusals (the
 * admin section's) names them in `refusals`; they are set on the outside context of the current
 * update, which is the context the boundary sees.
 *
 * The plugin keeps an external's outcome as plain data (structuredClone, and JSON in the
 * dialogue's storage), which would turn an AppError into a bare Error. So a refusal is kept as its
 * code and message and comes back as an AppError, also on a replay: a dialogue that goes on after
 * one particular refusal (refusedWith) takes the same path again.
 */

export interface RunOptions {
  /** The dialogue's own words for refusals met in this call (`errors.<code>` for the codes not listed). */
  refusals?: RefusalKeys;
  /** Buttons the boundary's reply offers with a refusal (the way to put it right). */
  offers?: RefusalOffers;
}

interface KeptRefusal {
  refusal: AppErrorCode;
  message: string;
}

function isKeptRefusal(value: unknown): value is KeptRefusal {
  return typeof value === "object" && value !== null && typeof (value as KeptRefusal).refusal === "string";
}

export function run<T>(conversation: BotConversation, task: (outer: BotContext) => Promise<T> | T, options: RunOptions = {}): Promise<T> {
  return conversation.external({
    task: async (outer: BotContext) => {
      try {
        return await task(outer);
      } catch (error) {
        // This call's words, not those of an earlier handler of the same update.
        if (refusalCode(error) !== undefined) sayOnRefusal(outer, options.refusals ?? {}, options.offers ?? {});
        throw error;
      }
    },
    beforeStoreError: (error: unknown) => {
      const code = refusalCode(error);
      return code === undefined ? error : ({ refusal: code, message: (error as Error).message } satisfies KeptRefusal);
    },
    afterLoadError: (kept: unknown) => (isKeptRefusal(kept) ? new AppError(kept.refusal, kept.message) : kept),
  });
}

/**
 * For a dialogue that goes on after a particular refusal (e.g. «that class is gone, pick another»):
 * the refusal, when its code is one of `codes`; anything else is thrown on (to end the dialogue).
 */
export function refusedWith<C extends AppErrorCode>(error: unknown, ...codes: C[]): AppError & { code: C } {
  if (error instanceof AppError && (codes as AppErrorCode[]).includes(error.code)) return error as AppError & { code: C };
  throw error;
}

/** The person acting on this update; someone who is no longer a member anywhere is refused. */
export function requireActor(ctx: { actor: Actor | undefined }): Actor {
  if (!ctx.actor) throw new AppError("forbidden", "the sender is no longer a member of a school");
  return ctx.actor;
}
