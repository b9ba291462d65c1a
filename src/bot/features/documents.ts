import { Composer, InputFile } from "grammy";
import { documentFileName } from "../../documents/document-file-name.js";
import { loadDocuments } from "../../documents/load-documents.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { caseTitle } from "../views/case-card-view.js";
import { INTERACTION_CALLBACK } from "../views/interaction-card-rows.js";
import { onCallback } from "../callback.js";
import { planName } from "../views/plan-view.js";
import { loadCardModel } from "../views/show-case-card.js";

/** «📄 ИПР (DOCX)»: the plan recorded in the case as a document, built afresh on every press. */
export function documentsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCallback(feature, INTERACTION_CALLBACK, async (ctx, { action, caseId }, next) => {
    if (action !== "ipr") return next();
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    const { card, plan } = await loadCardModel(deps, ctx.actor, caseId);
    if (!plan?.ready || plan.measures.length === 0) {
      await ctx.answerCallbackQuery({ text: ctx.t("plan.none") });
      return;
    }
    await ctx.answerCallbackQuery();
    // The document is the school's paperwork: in Russian whatever the reader's language.
    const ru = deps.i18n.t("ru");
    const buffer = await (await loadDocuments()).planDocx(ru, {
      title: card.regulation.id === "interaction-2-difficulty" ? planName(ru, card.regulation.id) : ru("documents.planTitle"),
      studentName: card.student?.fullName ?? "",
      classLabel: card.student?.classLabel ?? card.state.classLabel ?? "",
      reason: card.regulation.title.ru,
      registeredOn: card.state.openedOn,
      measures: plan.measures,
    });
    await ctx.replyWithDocument(
      new InputFile(buffer, documentFileName(ru, "plan", card.student?.fullName, card.student?.classLabel, card.today)),
      {
        caption: ctx.t("documents.planCaption", { subject: caseTitle(card) }),
      },
    );
  });

  return feature;
}
