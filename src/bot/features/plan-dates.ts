import { Composer } from "grammy";
import { can } from "../../app/access-policy.js";
import { onCallback } from "../callback.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { PLAN_DATE_CONVERSATION } from "../conversations/plan-date.js";
import { PLAN_DATE_DATA, PLAN_DATE_OF } from "../views/plan-date-data.js";
import { loadCardModel } from "../views/show-case-card.js";

/** The ИПР's dates (registration, the parents' reading): asks the date, for those allowed to record it. */
export function planDatesFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  onCallback(feature, PLAN_DATE_DATA, async (ctx, { which, caseId }) => {
    const actor = ctx.actor;
    const model = actor ? await loadCardModel(deps, actor, caseId) : undefined;
    const allowed =
      actor &&
      model?.plan?.formal &&
      can(actor, "editStudentRecord", { schoolId: actor.schoolId ?? -1, teacherMemberId: Number(model.card.state.teacherId) });
    if (!allowed) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PLAN_DATE_CONVERSATION, caseId, PLAN_DATE_OF[which], model.card.today);
  });
  return feature;
}
