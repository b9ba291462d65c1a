import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { INTERACTION_CALLBACK } from "../views/interaction-card-rows.js";
import { onCallback } from "../callback.js";
import { MEASURE_CONVERSATION, measureDialogueStart } from "../conversations/measure.js";
import { MEMO_CONVERSATION } from "../conversations/memo.js";
import { AGREEMENTS_CONVERSATION, MEETING_CONVERSATION } from "../conversations/meeting.js";

/** Section II on the case card: measures, the memo, the meeting and its agreements start their dialogues. */
export function difficultyFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const dialogues: Record<string, string> = {
    ms: MEASURE_CONVERSATION,
    memo: MEMO_CONVERSATION,
    mt: MEETING_CONVERSATION,
    ag: AGREEMENTS_CONVERSATION,
  };

  onCallback(feature, INTERACTION_CALLBACK, async (ctx, { action, caseId }, next) => {
    const dialogue = dialogues[action];
    if (!dialogue) return next();
    // Checked here too, so a stale or forged button gets a short notice instead of a dialogue.
    const start = await measureDialogueStart(deps, ctx, caseId);
    if (!start.ok) {
      await ctx.answerCallbackQuery({ text: start.text });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(dialogue, caseId);
  });

  return feature;
}
