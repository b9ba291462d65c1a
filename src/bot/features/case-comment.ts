import { Composer, InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { reassignCase } from "../../app/cases/reassign-case.js";
import { loadCaseFor } from "../../app/cases/case-service.js";
import { listReassignTargets } from "../../app/cases/list-reassign-targets.js";
import type { CardModel } from "../views/case-card-view.js";
import { showCaseCard } from "../views/show-case-card.js";
import { CASE_COMMENT_CONVERSATION } from "../conversations/case-comment.js";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";
import { onCallback } from "../callback.js";

/** Card buttons: "cc:c:<case>" comment, "cc:r:<case>" pick a teacher, "cc:t:<case>:<member>" pass the case. */
const DATA = {
  comment: defineCallback("cc", { action: oneOf("c"), caseId: int() }),
  reassign: defineCallback("cc", { action: oneOf("r"), caseId: int() }),
  teacher: defineCallback("cc", { action: oneOf("t"), caseId: int(), memberId: int() }),
};

/** The card's «💬 Комментарий» and «👤 Передать другому учителю» rows, for those the policy allows. */
export function commentRows(t: TFunction, model: CardModel, keyboard: InlineKeyboard): InlineKeyboard {
  const caseId = model.card.state.id;
  // A teacher comments through notes on steps; the button is for school-wide roles.
  if (model.canComment && !model.canAct)
    keyboard.text(t("comment.button"), DATA.comment.encode({ action: "c", caseId: Number(caseId) })).row();
  if (model.canReassign && model.card.state.status === "open")
    keyboard.text(t("comment.reassignButton"), DATA.reassign.encode({ action: "r", caseId: Number(caseId) })).row();
  return keyboard;
}

export function caseCommentFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  /** Runs a press and answers it; a refusal goes to the error boundary, which answers with its text. */
  async function guarded(ctx: BotContext, run: () => Promise<string | undefined>) {
    const answer = await run();
    await ctx.answerCallbackQuery(answer ? { text: answer } : {});
  }

  onCallback(feature, DATA.comment, (ctx, { caseId }) =>
    guarded(ctx, async () => {
      if (!ctx.actor) return ctx.t("common.notAllowed");
      await loadCaseFor(deps, ctx.actor, String(caseId), "comment");
      await ctx.conversation.enter(CASE_COMMENT_CONVERSATION, caseId);
      return undefined;
    }),
  );

  onCallback(feature, DATA.reassign, (ctx, press) =>
    guarded(ctx, async () => {
      if (!ctx.actor) return ctx.t("common.notAllowed");
      const { caseId, teachers } = await listReassignTargets(deps, { actor: ctx.actor, caseId: String(press.caseId) });
      if (teachers.length === 0) return ctx.t("comment.noTeachers");
      const keyboard = new InlineKeyboard();
      for (const p of teachers.slice(0, 60))
        keyboard.text(p.fullName, DATA.teacher.encode({ action: "t", caseId: Number(caseId), memberId: p.memberId })).row();
      await ctx.reply(ctx.t("comment.chooseTeacher"), { reply_markup: keyboard });
      return undefined;
    }),
  );

  onCallback(feature, DATA.teacher, (ctx, { caseId, memberId }) =>
    guarded(ctx, async () => {
      if (!ctx.actor) return ctx.t("common.notAllowed");
      await reassignCase(deps, { actor: ctx.actor, caseId: String(caseId), teacherMemberId: memberId });
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      await showCaseCard(ctx, deps, caseId);
      return ctx.t("comment.reassigned");
    }),
  );
  return feature;
}
