import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { fullDate } from "../views/format.js";
import { askPastDate, finishWithCard, loadDialogueStep, markFromDialogue } from "./case-dialogue.js";
import { run } from "./kit/index.js";

export const STEP_DATE_CONVERSATION = "step-date";

/** «✅ Выполнено в другой день»: the step was done earlier; the teacher types the date (dd.mm or dd.mm.yyyy). */
export function stepDateConversation(deps: BotDeps) {
  return async function stepDate(conversation: BotConversation, ctx: InnerContext, caseId: number, stepIndex: number) {
    const step = await run(conversation, () => loadDialogueStep(deps, ctx, caseId, stepIndex));
    const prompt = ctx.t(step.recurring ? "steps.askDateRecurring" : "steps.askDate", {
      number: step.number,
      from: fullDate(step.openedOn),
    });
    const typed = await askPastDate(conversation, ctx, prompt, step);
    if (!typed) return;
    const last = await markFromDialogue(conversation, typed.ctx, deps, step, { on: typed.value });
    if (!last) return;
    await finishWithCard(conversation, last, deps, caseId, last.t("steps.savedOn", { number: step.number, date: fullDate(typed.value) }));
  };
}
