import { InputFile } from "grammy";
import { documentFileName } from "../../documents/document-file-name.js";
import { loadDocuments } from "../../documents/load-documents.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { MEMO_TEXT_MAX, prepareMemo, sendMemo } from "../../app/difficulty/prepare-memo.js";
import { subjectLabel } from "../views/format.js";
import { finishWithCard } from "./case-dialogue.js";
import { askText, choicesOf, requireActor, run } from "./kit/index.js";
import { DIFFICULTY_DIALOGUE_CALLBACK, measureDialogueStart } from "./measure.js";

export const MEMO_CONVERSATION = "difficulty-memo";

interface BuiltMemo {
  /** The DOCX, base64: what a dialogue's `run` returns must survive JSON. */
  docx: string;
  fileName: string;
  deputy?: { chatId: number | null; name: string; language: string | null };
  subject: string;
}

/**
 * «Служебная записка» (II.2): asks for the situation and the request, drafts the memo from the
 * case as a DOCX, sends it to the deputy through the bot and to the teacher (for e-mail), and
 * records step 2 as done by corporate e-mail.
 */
export function memoConversation(deps: BotDeps) {
  return async function memo(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const start = await run(conversation, () => measureDialogueStart(deps, ctx, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    const situation = await askText(conversation, ctx, { prompt: ctx.t("memo.askSituation"), max: MEMO_TEXT_MAX });
    if (!situation) return;
    const request = await askText(conversation, situation.ctx, {
      prompt: situation.ctx.t("memo.askRequest"),
      max: MEMO_TEXT_MAX,
      or: choicesOf(DIFFICULTY_DIALOGUE_CALLBACK, [
        { label: situation.ctx.t("memo.buttons.meetingRequest"), data: { action: "rq" }, value: "meetingRequest" as const },
      ]),
    });
    if (!request) return;
    const last: InnerContext = request.ctx;
    const requestText = "pressed" in request ? last.t("memo.meetingRequest") : request.value;

    const built = await run(conversation, async (outer): Promise<BuiltMemo> => {
      const prepared = await prepareMemo(deps, {
        actor: requireActor(outer),
        caseId: String(caseId),
        situation: situation.value,
        request: requestText,
      });
      const buffer = await (await loadDocuments()).memoDocx(deps.i18n.t("ru"), prepared.data);
      return {
        docx: buffer.toString("base64"),
        fileName: documentFileName(deps.i18n.t("ru"), "memo", prepared.data.studentName, prepared.data.classLabel, prepared.data.date),
        subject: subjectLabel(prepared.data.studentName, prepared.data.classLabel),
        ...(prepared.deputy
          ? { deputy: { chatId: prepared.deputy.chatId, name: prepared.deputy.fullName, language: prepared.deputy.language } }
          : {}),
      };
    });
    const file = () => new InputFile(Buffer.from(built.docx, "base64"), built.fileName);
    await last.replyWithDocument(file(), { caption: last.t("memo.teacherCaption") });
    // The deputy's copy is an outbox notice: the step's outcome with the DOCX attached.
    const sent = await run(conversation, async (outer) => {
      const memo = { base64: built.docx, fileName: built.fileName };
      const result = await sendMemo(deps, { actor: requireActor(outer), caseId: String(caseId), memo });
      return result.deputy ? { deputy: { name: result.deputy.fullName, reachable: result.deputy.chatId !== null } } : {};
    });
    const confirmation = !sent.deputy
      ? last.t("memo.noDeputy")
      : sent.deputy.reachable
        ? last.t("memo.sent", { name: sent.deputy.name })
        : last.t("memo.deputyUnreachable", { name: sent.deputy.name });
    await finishWithCard(conversation, last, deps, caseId, confirmation);
  };
}
