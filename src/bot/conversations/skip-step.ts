import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { skipStep } from "../../app/cases/skip-step.js";
import { finishWithCard, loadDialogueStep } from "./case-dialogue.js";
import { askText, requireActor, run } from "./kit/index.js";

export const SKIP_STEP_CONVERSATION = "skip-step";

/** «Не требуется»: the step is skipped with the reason the teacher types. */
export function skipStepConversation(deps: BotDeps) {
  return async function skipStepDialogue(conversation: BotConversation, ctx: InnerContext, caseId: number, stepIndex: number) {
    const step = await run(conversation, () => loadDialogueStep(deps, ctx, caseId, stepIndex));
    const typed = await askText(conversation, ctx, { prompt: ctx.t("steps.askSkipReason", { number: step.number }), max: 500 });
    if (!typed) return;
    const last = typed.ctx;
    await run(conversation, (outer) =>
      skipStep(deps, { actor: requireActor(outer), caseId: String(caseId), stepId: step.stepId, reason: typed.value }),
    );
    await finishWithCard(conversation, last, deps, caseId, last.t("steps.skipped", { number: step.number }));
  };
}
