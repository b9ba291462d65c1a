import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { markStep } from "../../app/cases/mark-step.js";
import { takeNoteWarning } from "../../app/admin/note-warning.js";
import { askStepAnswer, finishWithCard, loadDialogueStep } from "./case-dialogue.js";
import { askText, requireActor, run } from "./kit/index.js";
import { stepRefusalOffers } from "../views/refusal-offers.js";

export const STEP_NOTE_CONVERSATION = "step-note";

/** «Заметка»: the teacher types a note; the step is marked done today with it (a weekly step: today's contact). */
export function stepNoteConversation(deps: BotDeps) {
  return async function stepNote(conversation: BotConversation, ctx: InnerContext, caseId: number, stepIndex: number) {
    const step = await run(conversation, () => loadDialogueStep(deps, ctx, caseId, stepIndex));
    // Free text about a child is visible to the school: say so the first time a person writes a note.
    const warn = await run(conversation, () => takeNoteWarning(deps, ctx.actor));
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
    await run(
      conversation,
      (outer) =>
        markStep(deps, {
          actor: requireActor(outer),
          caseId: String(caseId),
          stepId: step.stepId,
          recurring: step.recurring,
          note: typed.value,
          ...(answer ? { answer } : {}),
        }),
      { offers: stepRefusalOffers(last.t, caseId) },
    );
    await finishWithCard(conversation, last, deps, caseId, last.t("steps.savedToday", { number: step.number }));
  };
}
