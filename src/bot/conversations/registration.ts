import { recordRegistration } from "../../app/plans/record-registration.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { buildPlanMessage } from "../views/show-plan.js";
import { askDate, requireActor, run, say } from "./kit/index.js";

export const REGISTRATION_CONVERSATION = "registration-date";

/** «📅 Дата постановки на ВШУ»: a past date (not after today); then the plan again. */
export function registrationConversation(deps: BotDeps) {
  return async function registration(conversation: BotConversation, ctx: InnerContext, caseId: number, today: string) {
    const typed = await askDate(conversation, ctx, {
      prompt: ctx.t("plan.askRegistered"),
      today,
      read: "past",
      check: (date, c) => (date > today ? c.t("plan.registeredInFuture") : undefined),
    });
    if (!typed) return;
    const c = typed.ctx;
    await run(conversation, (outer) => recordRegistration(deps, { actor: requireActor(outer), caseId: String(caseId), on: typed.value }));
    const plan = await run(conversation, (outer) => buildPlanMessage(deps, outer.actor, c.t, c.lang, caseId));
    await say(c, plan.ok ? { text: plan.text, keyboard: plan.reply_markup } : plan.text);
  };
}
