import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { commentCase } from "../../app/deputy/comment-case.js";
import { attempt, finishWithCard } from "./case-dialogue.js";
import { askText } from "./kit/index.js";

export const CASE_COMMENT_CONVERSATION = "case-comment";

/** A message's most; the use case keeps the first COMMENT_MAX characters. */
const TELEGRAM_TEXT_MAX = 4096;

/** «💬 Комментарий»: one text, stored in the case's chronology; then the card again. */
export function caseCommentConversation(deps: BotDeps) {
  return async function caseComment(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const typed = await askText(conversation, ctx, {
      prompt: ctx.t("comment.ask"),
      max: TELEGRAM_TEXT_MAX,
      cancelButton: false,
      hint: "comment.askHint",
      buttonHint: (_data, c) => c.t("comment.finishFirst"),
    });
    if (!typed) return;
    const c = typed.ctx;
    const text = typed.value;
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
  };
}
