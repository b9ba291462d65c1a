import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { markStep } from "../../app/cases/mark-step.js";
import { takeNoteWarning } from "../../app/admin/note-warning.js";
import { askStepAnswer, attempt, finishWithCard, loadDialogueStep } from "./case-dialogue.js";
import { askText } from "./kit/index.js";

export const STEP_NOTE_CONVERSATION = "step-note";

/** «Заметка»: the teacher types a note; the step is marked done today with it (a weekly step: today's contact). */
export function stepNoteConversation(deps: BotDeps) {
  return async function stepNote(conversation: BotConversation, ctx: InnerContext, caseId: number, stepIndex: number) {
    const loaded = await conversation.external(() => loadDialogueStep(deps, ctx, caseId, stepIndex));
    if (!loaded.ok) {
      await ctx.reply(loaded.text);
      return;
    }
    const step = loaded.value;
    // Free text about a child is visible to the school: say so the first time a person writes a note.
    const warn = await conversation.external(() => takeNoteWarning(deps, ctx.actor));
    const ask = ctx.t(step.recurring ? "steps.askNoteRecurring" : "steps.askNote", { number: step.number });
    const prompt = warn ? `${ask}\n\n${ctx.t("privacy.noteWarning")}` : ask;
    const typed = await askText(conversation, ctx, { prompt });
    if (!typed) return;
    let last = typed.ctx;
    let answer: string | undefined;
    if (step.question) {
      const chosen = await askStepAnswer(conversation, last, step);
      if (!chosen) return;
      answer = chosen.value;
      last = chosen.ctx;
    }
    const actor = last.actor;
    const result = await conversation.external(() =>
      attempt(last, async () => {
        if (!actor) throw new Error("no actor");
        await markStep(deps, {
          actor,
          caseId: String(caseId),
          stepId: step.stepId,
          recurring: step.recurring,
          note: typed.value,
          ...(answer ? { answer } : {}),
        });
      }),
    );
    if (!result.ok) {
      await last.reply(result.text);
      return;
    }
    await finishWithCard(conversation, last, deps, caseId, last.t("steps.savedToday", { number: step.number }));
  };
}
