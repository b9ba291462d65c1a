import { Composer } from "grammy";
import { getCaseAttachment, listCaseFiles } from "../../app/cases/case-attachments.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { can } from "../../app/access-policy.js";
import { onCallback } from "../callback.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { ATTACH_FILE_CONVERSATION, LOOSE_FILE_CONVERSATION } from "../conversations/attachments.js";
import { ATTACHMENT_DATA, attachmentsKeyboard, attachmentsText, fileOfMessage } from "../views/attachments-view.js";
import { caseTitle } from "../views/case-card-view.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { loadCardModel } from "../views/show-case-card.js";

/** «📎 Файлы» on a case card: the case's papers, sent back on a tap; a document or photo sent outside a case asks which case. */
export function attachmentsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCallback(feature, ATTACHMENT_DATA.list, async (ctx, { caseId }) => {
    if (!ctx.actor) return void (await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") }));
    const { card } = await loadCardModel(deps, ctx.actor, caseId);
    const list = await listCaseFiles(deps, { actor: ctx.actor, caseId: String(caseId) });
    await ctx.answerCallbackQuery();
    await replyOrEdit(
      ctx,
      attachmentsText(ctx.t, caseTitle(card), list.files, list.names, list.timezone),
      attachmentsKeyboard(ctx.t, caseId, list.files, list.canAdd),
      true,
    );
  });

  onCallback(feature, ATTACHMENT_DATA.get, async (ctx, { caseId, fileId }) => {
    if (!ctx.actor) return void (await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") }));
    const file = await getCaseAttachment(deps, { actor: ctx.actor, caseId: String(caseId), attachmentId: fileId });
    await ctx.answerCallbackQuery();
    if (file.kind === "photo") await ctx.replyWithPhoto(file.telegramFile, { caption: file.fileName });
    else await ctx.replyWithDocument(file.telegramFile);
  });

  onCallback(feature, ATTACHMENT_DATA.add, async (ctx, { caseId }) => {
    if (!ctx.actor) return void (await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") }));
    const { card, canComment } = await loadCardModel(deps, ctx.actor, caseId);
    if (!canComment) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
    const list = await listCaseFiles(deps, { actor: ctx.actor, caseId: String(caseId) });
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(ATTACH_FILE_CONVERSATION, caseId, list.timezone, caseTitle(card));
  });

  // After the class list's handler: a CSV is a roster, anything else may be a paper of a case.
  feature.on(["message:document", "message:photo"], async (ctx, next) => {
    const actor = ctx.actor;
    if (!actor || actor.schoolId === undefined || !can(actor, "openCase")) return next();
    const timezone = await getSchoolTimezone(deps, { actor, schoolId: actor.schoolId });
    const file = fileOfMessage(ctx.t, ctx.message, timezone);
    if (!file) return next();
    await ctx.conversation.enter(LOOSE_FILE_CONVERSATION, file);
  });

  return feature;
}
