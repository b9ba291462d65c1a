import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { takeNoteWarning } from "../../app/admin/note-warning.js";
import { finishWithCard, loadDialogueStep, markFromDialogue } from "./case-dialogue.js";
import { askText, run } from "./kit/index.js";

export const STEP_NOTE_CONVERSATION = "step-note";

/** «✅ Выполнено, с комментарием»: the teacher types a comment; the step is marked done today with it (a weekly step: today's contact). */
export function stepNoteConversation(deps: BotDeps) {
  return async function stepNote(conversation: BotConversation, ctx: InnerContext, caseId: number, stepIndex: number) {
    const step = await run(conversation, () => loadDialogueStep(deps, ctx, caseId, stepIndex));
    // Free text about a child is visible to the school: say so the first time a person writes a note.
    const warn = await run(conversation, () => takeNoteWarning(deps, ctx.actor));
    const ask = ctx.t(step.recurring ? "steps.askNoteRecurring" : "steps.askNote", { number: step.number });
    const prompt = warn ? `${ask}\n\n${ctx.t("privacy.noteWarning")}` : ask;
    const typed = await askText(conversation, ctx, { prompt });
    if (!typed) return;
    const last = await markFromDialogue(conversation, typed.ctx, deps, step, { note: typed.value });
    if (!last) return;
    await finishWithCard(conversation, last, deps, caseId, last.t("steps.savedToday", { number: step.number }));
  };
}
