import { Composer } from "grammy";
import { can } from "../../app/access-policy.js";
import { onCallback } from "../callback.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { REGISTRATION_CONVERSATION } from "../conversations/registration.js";
import { REGISTRATION_DATA } from "../views/registration-data.js";
import { loadCardModel } from "../views/show-case-card.js";

/** «📅 Дата постановки на ВШУ» under the ИПР: asks the date, for those allowed to record it. */
export function registrationFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  onCallback(feature, REGISTRATION_DATA, async (ctx, { caseId }) => {
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
    await ctx.conversation.enter(REGISTRATION_CONVERSATION, caseId, model.card.today);
  });
  return feature;
}
