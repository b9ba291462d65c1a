import { attachCaseFile, listCaseFiles, type NewCaseFile } from "../../app/cases/case-attachments.js";
import { listMyCases } from "../../app/cases/list-my-cases.js";
import { attachmentProblem } from "../../domain/files/attachment-rules.js";
import { subjectLabel } from "../../domain/reminders/subject-label.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { attachmentsKeyboard, attachmentsText, fileOfMessage } from "../views/attachments-view.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { truncate } from "../views/format.js";
import { accept, ask, askChoice, cancelButton, choicesOf, quote, refuse, requireActor, run, say } from "./kit/index.js";

export const ATTACH_FILE_CONVERSATION = "attach-file";
export const LOOSE_FILE_CONVERSATION = "loose-file";

/** Open cases offered for a file sent outside a case: a teacher's own, newest first. */
const CASES_OFFERED = 10;
/** Long enough for «Иванов П., 7Б — Пропуски более 10 учебных дней (критерий №22)» on a phone. */
const BUTTON_LABEL_MAX = 64;

/** «➕ Прикрепить файл»: a document or a photo, checked (20 MB, no programs); then the case's files again. */
export function attachFileConversation(deps: BotDeps) {
  return async function attachFile(conversation: BotConversation, ctx: InnerContext, caseId: number, timezone: string, subject: string) {
    const sent = await ask(
      conversation,
      ctx,
      (c) => {
        const file = fileOfMessage(c.t, c.message, timezone);
        if (!file) return refuse(c.t("attachments.sendFile"));
        const problem = attachmentProblem(file);
        return problem ? refuse(c.t(`attachments.problems.${problem}`)) : accept(file);
      },
      { prompt: { text: ctx.t("attachments.ask"), keyboard: cancelButton(ctx) } },
    );
    if (!sent) return;
    await saveAndList(conversation, sent.ctx, deps, caseId, sent.value, subject);
  };
}

/**
 * A document or a photo sent outside any dialogue (not a class list): which of the teacher's open
 * cases it belongs to, by button; then it is attached there.
 */
export function looseFileConversation(deps: BotDeps) {
  return async function looseFile(conversation: BotConversation, ctx: InnerContext, file: NewCaseFile) {
    const mine = await run(conversation, (outer) => listMyCases(deps, { actor: requireActor(outer) }));
    const cases = mine.cases.slice(-CASES_OFFERED).reverse();
    if (cases.length === 0) {
      await say(ctx, ctx.t("attachments.noCaseToAttach"));
      return;
    }
    const problem = attachmentProblem(file);
    if (problem) {
      await say(ctx, ctx.t(`attachments.problems.${problem}`));
      return;
    }
    const subject = (c: (typeof cases)[number]) =>
      [subjectLabel(c.studentName, c.classLabel, false).name, c.classLabel].filter(Boolean).join(", ");
    const label = (c: (typeof cases)[number]) =>
      truncate(`${subject(c)} — ${(c.regulation.shortTitle ?? c.regulation.title)[ctx.lang]}`, BUTTON_LABEL_MAX);
    const chosen = await askChoice(conversation, ctx, {
      prompt: ctx.t("attachments.whichCase", { name: quote(file.fileName) }),
      choices: choicesOf(
        DIALOGUE_CALLBACK,
        cases.map((c, index) => ({
          label: label(c),
          data: { action: "a" as const, index },
          value: { caseId: Number(c.caseId), subject: subject(c) },
        })),
      ),
      dropButtons: true,
    });
    if (!chosen) return;
    await saveAndList(conversation, chosen.ctx, deps, chosen.value.caseId, file, chosen.value.subject);
  };
}

async function saveAndList(
  conversation: BotConversation,
  c: InnerContext,
  deps: BotDeps,
  caseId: number,
  file: NewCaseFile,
  subject: string,
) {
  const saved = await run(conversation, (outer) => attachCaseFile(deps, { actor: requireActor(outer), caseId: String(caseId), file }));
  const list = await run(conversation, (outer) => listCaseFiles(deps, { actor: requireActor(outer), caseId: String(caseId) }));
  await say(c, c.t("attachments.saved", { name: quote(saved.fileName) }));
  await say(c, {
    text: attachmentsText(c.t, subject, list.files, list.names, list.timezone),
    keyboard: attachmentsKeyboard(c.t, caseId, list.files, list.canAdd),
  });
}
