import { recordPlanDate, type PlanDate } from "../../app/plans/record-plan-date.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { buildPlanMessage } from "../views/show-plan.js";
import { askDate, requireActor, run, say } from "./kit/index.js";

export const PLAN_DATE_CONVERSATION = "plan-date";

const PROMPTS: Record<PlanDate, string> = { registered: "plan.askRegistered", read: "plan.askRead" };

/** One of the ИПР's dates (registration, the parents' reading): a past date, not after today; then the plan again. */
export function planDateConversation(deps: BotDeps) {
  return async function planDate(conversation: BotConversation, ctx: InnerContext, caseId: number, which: PlanDate, today: string) {
    const typed = await askDate(conversation, ctx, {
      prompt: ctx.t(PROMPTS[which] ?? PROMPTS.registered),
      today,
      read: "past",
      check: (date, c) => (date > today ? c.t("plan.dateInFuture") : undefined),
    });
    if (!typed) return;
    const c = typed.ctx;
    await run(conversation, (outer) =>
      recordPlanDate(deps, { actor: requireActor(outer), caseId: String(caseId), which, on: typed.value }),
    );
    const plan = await run(conversation, (outer) => buildPlanMessage(deps, outer.actor, c.t, c.lang, caseId));
    await say(c, plan.ok ? { text: plan.text, keyboard: plan.reply_markup } : plan.text);
  };
}
