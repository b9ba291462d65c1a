import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { markStep } from "../../app/cases/mark-step.js";
import { fullDate } from "../views/format.js";
import { askPastDate, askStepAnswer, finishWithCard, loadDialogueStep } from "./case-dialogue.js";
import { requireActor, run } from "./kit/index.js";
import { stepRefusalOffers } from "../views/refusal-offers.js";

export const STEP_DATE_CONVERSATION = "step-date";

/** «Другая дата»: the step was done earlier; the teacher types the date (dd.mm or dd.mm.yyyy). */
export function stepDateConversation(deps: BotDeps) {
  return async function stepDate(conversation: BotConversation, ctx: InnerContext, caseId: number, stepIndex: number) {
    const step = await run(conversation, () => loadDialogueStep(deps, ctx, caseId, stepIndex));
    const prompt = ctx.t(step.recurring ? "steps.askDateRecurring" : "steps.askDate", {
      number: step.number,
      from: fullDate(step.openedOn),
    });
    const typed = await askPastDate(conversation, ctx, prompt, step);
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
          on: typed.value,
          ...(answer ? { answer } : {}),
        }),
      { offers: stepRefusalOffers(last.t, caseId) },
    );
    await finishWithCard(conversation, last, deps, caseId, last.t("steps.savedOn", { number: step.number, date: fullDate(typed.value) }));
  };
}
