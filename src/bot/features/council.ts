import { Composer, InputFile } from "grammy";
import { documentFileName } from "../../documents/document-file-name.js";
import { loadDocuments } from "../../documents/load-documents.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { answerCouncilConsent, councilToAgree } from "../../app/council/answer-council.js";
import { prepareInfoPack } from "../../app/council/info-pack.js";
import { REVIEW_CALLBACK, answerCouncilReview } from "../../app/council/review-prompt.js";
import { COUNCIL_REQUEST_CONVERSATION, COUNCIL_TIME_CONVERSATION, agreeAndTell, councilRequestStart } from "../conversations/council.js";
import { COUNCIL_INFORMED_CONVERSATION } from "../conversations/council-informed.js";
import { councilAudience } from "../../app/council/tell-staff.js";
import { COUNCIL_DATA } from "../views/council-messages.js";
import { COUNCIL_CALLBACK } from "../../app/council/council-data.js";
import { onCallback } from "../callback.js";
import { subjectLabel } from "../views/format.js";

/** Section IV: the council request, the class teacher's consent, the deputy's slot, the info pack. */
export function councilFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCallback(feature, COUNCIL_CALLBACK, async (ctx, { action, id, extra }) => {
    const actor = ctx.actor;
    if (!actor?.schoolId) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    switch (action) {
      case "rq": {
        const start = await councilRequestStart(deps, ctx, id);
        if (!start.ok) return void (await ctx.answerCallbackQuery({ text: start.text }));
        await ctx.answerCallbackQuery();
        await ctx.conversation.enter(COUNCIL_REQUEST_CONVERSATION, id);
        return;
      }
      case "y":
      case "n": {
        const answered = await answerCouncilConsent(deps, { actor, requestId: id, agree: action === "y" });
        await ctx.answerCallbackQuery();
        await ctx.editMessageReplyMarkup().catch(() => undefined);
        if (action === "n") {
          await ctx.reply(ctx.t("council.refused"));
          return;
        }
        const { told } = answered;
        await ctx.reply(
          ctx.t(!told.name ? "council.noRecipient" : told.reachable ? "council.consentGiven" : "council.unreachable", {
            name: told.name ?? "",
          }),
        );
        return;
      }
      case "s": {
        const request = await councilToAgree(deps, { actor, requestId: id });
        const slot = request.slots[Number(extra)];
        if (!slot) return void (await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") }));
        const done = await agreeAndTell(deps, ctx, actor, id, new Date(slot));
        await ctx.answerCallbackQuery(done.ok ? {} : { text: done.text });
        if (done.ok) {
          await ctx.editMessageReplyMarkup().catch(() => undefined);
          await ctx.reply(done.text);
        }
        return;
      }
      case "o": {
        const request = await councilToAgree(deps, { actor, requestId: id });
        if (request.status !== "proposed") return void (await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") }));
        await ctx.answerCallbackQuery();
        await ctx.conversation.enter(COUNCIL_TIME_CONVERSATION, id);
        return;
      }
      case "ip":
        return infoPack(ctx, deps, id);
      case "t":
      case "td":
        // A checklist sent before the staff list: the same question, as the list (the case checked first).
        await councilAudience(deps, { actor, caseId: String(id) });
        await ctx.answerCallbackQuery();
        await ctx.editMessageReplyMarkup().catch(() => undefined);
        await ctx.conversation.enter(COUNCIL_INFORMED_CONVERSATION, id);
        return;
    }
  });

  // The fortnightly question (IV.1): the answer is recorded; «Да» offers the request on each open case.
  onCallback(feature, REVIEW_CALLBACK, async (ctx, { answer }) => {
    const actor = ctx.actor;
    if (!actor?.schoolId) return void (await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") }));
    const cases = await answerCouncilReview(deps, { actor, yes: answer === "y" });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (answer === "n") return void (await ctx.reply(ctx.t("councilReview.notedNo")));
    if (cases.length === 0) return void (await ctx.reply(ctx.t("councilReview.noCases")));
    await ctx.reply(ctx.t("councilReview.pickCase"), {
      reply_markup: {
        inline_keyboard: cases.map((c) => [
          { text: subjectLabel(c.studentName, c.classLabel), callback_data: COUNCIL_DATA.request(c.caseId) },
        ]),
      },
    });
  });

  return feature;
}

async function infoPack(ctx: BotContext, deps: BotDeps, caseId: number) {
  const actor = ctx.actor!;
  const data = await prepareInfoPack(deps, { actor, caseId: String(caseId) });
  await ctx.answerCallbackQuery();
  // The school's paperwork: in Russian whatever the reader's language.
  const buffer = await (await loadDocuments()).infoPackDocx(deps.i18n.t("ru"), data);
  await ctx.replyWithDocument(
    new InputFile(buffer, documentFileName(deps.i18n.t("ru"), "infoPack", data.studentName, data.classLabel, data.date)),
    {
      caption: ctx.t("infoPack.caption", { subject: subjectLabel(data.studentName, data.classLabel) }),
    },
  );
  await ctx.conversation.enter(COUNCIL_INFORMED_CONVERSATION, caseId);
}
