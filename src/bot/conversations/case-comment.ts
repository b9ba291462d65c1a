import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { commentCase } from "../../app/deputy/comment-case.js";
import { finishWithCard } from "./case-dialogue.js";
import { askText, requireActor, run } from "./kit/index.js";

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
    await run(conversation, async (outer) => {
      await commentCase(deps, { actor: requireActor(outer), caseId: String(caseId), text });
    });
    await finishWithCard(conversation, c, deps, caseId, c.t("comment.saved"));
  };
}
