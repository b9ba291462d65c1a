import { Composer, InputFile } from "grammy";
import { getCaseFile } from "../../app/cases/get-case-file.js";
import { documentFileName } from "../../documents/document-file-name.js";
import { loadDocuments } from "../../documents/load-documents.js";
import { localDateIn } from "../../domain/dates.js";
import { onCallback } from "../callback.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { CASE_FILE_CALLBACK, caseFileDoc } from "../views/case-file-view.js";

/** «📁 Дело» on a case card: the student's whole record as a DOCX (to edit) and a PDF (to send). */
export function caseFileFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCallback(feature, CASE_FILE_CALLBACK, async (ctx, { caseId }) => {
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    const file = await getCaseFile(deps, { actor: ctx.actor, caseId: String(caseId) });
    await ctx.answerCallbackQuery();
    // The school's paperwork is in Russian whatever the reader's language.
    const ru = deps.i18n.t("ru");
    const today = localDateIn(deps.now(), file.student.timezone);
    const doc = caseFileDoc(ru, file, ctx.actor.fullName, today);
    const documents = await loadDocuments();
    const name = documentFileName(ru, "caseFile", file.student.fullName, file.student.classLabel, today);
    await ctx.replyWithDocument(new InputFile(await documents.caseFileDocx(ru, doc), name), {
      caption: ctx.t("caseFile.caption", { student: file.student.fullName, format: ctx.t("caseFile.captionDocx") }),
    });
    await ctx.replyWithDocument(new InputFile(await documents.caseFilePdf(ru, doc), name.replace(/\.docx$/, ".pdf")), {
      caption: ctx.t("caseFile.caption", { student: file.student.fullName, format: ctx.t("caseFile.captionPdf") }),
    });
  });

  return feature;
}
