import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { takeNoteWarning } from "../../app/admin/note-warning.js";
import { commentCase } from "../../app/deputy/comment-case.js";
import { finishWithCard, loadDialogueStep } from "./case-dialogue.js";
import { askText, requireActor, run } from "./kit/index.js";

export const STEP_REMARK_CONVERSATION = "step-remark";

/** «📝 Заметка»: a note on a step, kept in the chronology; the step stays as it was. */
export function stepRemarkConversation(deps: BotDeps) {
  return async function stepRemark(conversation: BotConversation, ctx: InnerContext, caseId: number, stepIndex: number) {
    const step = await run(conversation, () => loadDialogueStep(deps, ctx, caseId, stepIndex));
    // Free text about a child is visible to the school: say so the first time a person writes a note.
    const warn = await run(conversation, () => takeNoteWarning(deps, ctx.actor));
    const ask = ctx.t("steps.askRemark", { number: step.number });
    const typed = await askText(conversation, ctx, { prompt: warn ? `${ask}\n\n${ctx.t("privacy.noteWarning")}` : ask });
    if (!typed) return;
    const c = typed.ctx;
    await run(conversation, (outer) =>
      commentCase(deps, { actor: requireActor(outer), caseId: String(caseId), stepId: step.stepId, text: typed.value }),
    );
    await finishWithCard(conversation, c, deps, caseId, c.t("steps.remarkSaved", { number: step.number }));
  };
}
