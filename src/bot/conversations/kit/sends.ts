import type { Middleware } from "grammy";
import type { InnerContext } from "../../context.js";

/** What a dialogue says to its own chat; the dialogue never reads what these calls return. */
const FORGIVEN = new Set([
  "sendMessage",
  "sendDocument",
  "sendPhoto",
  "editMessageReplyMarkup",
  "answerCallbackQuery",
  "deleteMessage",
  "sendChatAction",
]);

/**
 * Installed in the conversations' `plugins`: a message to the dialogue's own chat that Telegram
 * refuses (or that never arrives) is logged, and the dialogue goes on waiting for its answer
 * instead of ending with an error. Messages to other chats keep their errors (their senders count
 * what was delivered), and so does editMessageText, whose callers fall back to a new message.
 *
 * The refusal is in the dialogue's history, so a replay of the dialogue logs it again.
 */
export function forgiveRefusedSends(): Middleware<InnerContext> {
  return async (ctx, next) => {
    const own = ctx.chatId === undefined ? undefined : String(ctx.chatId);
    ctx.api.config.use(async (prev, method, payload, signal) => {
      const chat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
      const mine = FORGIVEN.has(method) && (method === "answerCallbackQuery" || (own !== undefined && String(chat) === own));
      if (!mine) return prev(method, payload, signal);
      try {
        const response = await prev(method, payload, signal);
        if (response.ok) return response;
        ctx.log.warn(
          { method, error_code: response.error_code, description: response.description },
          "a reply in a dialogue was refused; the dialogue goes on",
        );
      } catch (error) {
        ctx.log.warn({ err: error, method }, "a reply in a dialogue failed; the dialogue goes on");
      }
      // A stand-in for the refused call's result: no dialogue uses what these calls return.
      return { ok: true as const, result: true as never };
    });
    await next();
  };
}
