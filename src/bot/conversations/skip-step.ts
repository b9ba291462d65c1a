import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { skipStep } from "../../app/cases/skip-step.js";
import { attempt, finishWithCard, loadDialogueStep } from "./case-dialogue.js";
import { askText } from "./kit/index.js";

export const SKIP_STEP_CONVERSATION = "skip-step";

/** «Не требуется»: the step is skipped with the reason the teacher types. */
export function skipStepConversation(deps: BotDeps) {
  return async function skipStepDialogue(conversation: BotConversation, ctx: InnerContext, caseId: number, stepIndex: number) {
    const loaded = await conversation.external(() => loadDialogueStep(deps, ctx, caseId, stepIndex));
    if (!loaded.ok) {
      await ctx.reply(loaded.text);
      return;
    }
    const step = loaded.value;
    const typed = await askText(conversation, ctx, { prompt: ctx.t("steps.askSkipReason", { number: step.number }), max: 500 });
    if (!typed) return;
    const last = typed.ctx;
    const actor = last.actor;
    const result = await conversation.external(() =>
      attempt(last, async () => {
        if (!actor) throw new Error("no actor");
        await skipStep(deps, { actor, caseId: String(caseId), stepId: step.stepId, reason: typed.value });
      }),
    );
    if (!result.ok) {
      await last.reply(result.text);
      return;
    }
    await finishWithCard(conversation, last, deps, caseId, last.t("steps.skipped", { number: step.number }));
  };
}
