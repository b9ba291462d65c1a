import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { commentCase } from "../../app/deputy/comment-case.js";
import { mainMenuItem } from "../features/main-menu.js";
import { attempt, finishWithCard } from "./case-dialogue.js";

export const CASE_COMMENT_CONVERSATION = "case-comment";

/** «💬 Комментарий»: one text, stored in the case's chronology; then the card again. */
export function caseCommentConversation(deps: BotDeps) {
  return async function caseComment(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    await ctx.reply(ctx.t("comment.ask"));
    for (;;) {
      const c = await conversation.wait();
      if (c.callbackQuery) {
        await c.answerCallbackQuery({ text: c.t("comment.finishFirst") });
        continue;
      }
      const text = c.message?.text;
      if (text !== undefined && (text.startsWith("/") || mainMenuItem(deps.i18n, text))) await conversation.halt({ next: true });
      if (!text?.trim()) {
        await c.reply(c.t("comment.askHint"));
        continue;
      }
      const actor = c.actor;
      const result = await conversation.external(() =>
        attempt(c, async () => {
          if (!actor) throw new Error("no actor");
          await commentCase(deps, { actor, caseId: String(caseId), text });
        }),
      );
      if (!result.ok) {
        await c.reply(result.text);
        return;
      }
      await finishWithCard(conversation, c, deps, caseId, c.t("comment.saved"));
      return;
    }
  };
}
