import { InlineKeyboard } from "grammy";
import { BotComposer } from "../composer.js";
import type { TFunction } from "i18next";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { reassignCase } from "../../app/cases/reassign-case.js";
import { loadCaseFor } from "../../app/cases/case-service.js";
import { listReassignTargets } from "../../app/cases/list-reassign-targets.js";
import type { CardModel } from "../views/case-card-view.js";
import { showCaseCard } from "../views/show-case-card.js";
import { CASE_COMMENT_CONVERSATION } from "../conversations/case-comment.js";

/** Card buttons: "cc:c:<case>" comment, "cc:r:<case>" pick a teacher, "cc:t:<case>:<member>" pass the case. */
const DATA = {
  comment: /^cc:c:(\d{1,9})$/,
  reassign: /^cc:r:(\d{1,9})$/,
  teacher: /^cc:t:(\d{1,9}):(\d{1,9})$/,
};

/** The card's «💬 Комментарий» and «👤 Передать другому учителю» rows, for those the policy allows. */
export function commentRows(t: TFunction, model: CardModel, keyboard: InlineKeyboard): InlineKeyboard {
  const caseId = model.card.state.id;
  // A teacher comments through notes on steps; the button is for school-wide roles.
  if (model.canComment && !model.canAct) keyboard.text(t("comment.button"), `cc:c:${caseId}`).row();
  if (model.canReassign && model.card.state.status === "open") keyboard.text(t("comment.reassignButton"), `cc:r:${caseId}`).row();
  return keyboard;
}

export function caseCommentFeature(deps: BotDeps) {
  const feature = new BotComposer<BotContext>();

  /** Runs a press and answers it; a refusal goes to the error boundary, which answers with its text. */
  async function guarded(ctx: BotContext, run: () => Promise<string | undefined>) {
    const answer = await run();
    await ctx.answerCallbackQuery(answer ? { text: answer } : {});
  }

  feature.callbackQuery(DATA.comment, (ctx) =>
    guarded(ctx, async () => {
      if (!ctx.actor) return ctx.t("common.notAllowed");
      await loadCaseFor(deps, ctx.actor, ctx.match[1]!, "comment");
      await ctx.conversation.enter(CASE_COMMENT_CONVERSATION, Number(ctx.match[1]));
      return undefined;
    }),
  );

  feature.callbackQuery(DATA.reassign, (ctx) =>
    guarded(ctx, async () => {
      if (!ctx.actor) return ctx.t("common.notAllowed");
      const { caseId, teachers } = await listReassignTargets(deps, { actor: ctx.actor, caseId: ctx.match[1]! });
      if (teachers.length === 0) return ctx.t("comment.noTeachers");
      const keyboard = new InlineKeyboard();
      for (const p of teachers.slice(0, 60)) keyboard.text(p.fullName, `cc:t:${caseId}:${p.memberId}`).row();
      await ctx.reply(ctx.t("comment.chooseTeacher"), { reply_markup: keyboard });
      return undefined;
    }),
  );

  feature.callbackQuery(DATA.teacher, (ctx) =>
    guarded(ctx, async () => {
      if (!ctx.actor) return ctx.t("common.notAllowed");
      const caseId = Number(ctx.match[1]);
      await reassignCase(deps, { actor: ctx.actor, caseId: String(caseId), teacherMemberId: Number(ctx.match[2]) });
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      await showCaseCard(ctx, deps, caseId);
      return ctx.t("comment.reassigned");
    }),
  );
  return feature;
}
