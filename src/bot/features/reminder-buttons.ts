import { BotComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { sayOnRefusal } from "../middleware/error-boundary.js";
import { dateText, REMINDER_OPEN, REMINDER_SNOOZE } from "../../app/reminders/compose-message.js";
import { onCallback } from "../callback.js";
import { snoozeReminder } from "../../app/reminders/snooze-reminder.js";
import { showCaseCard } from "../views/show-case-card.js";

/** The buttons under digests and escalations; every press goes to a use case, which asks the access policy. */
export function reminderButtonsFeature(deps: BotDeps) {
  const feature = new BotComposer<BotContext>();

  onCallback(feature, REMINDER_OPEN, async (ctx, { caseId }) => {
    await ctx.answerCallbackQuery();
    await showCaseCard(ctx, deps, caseId);
  });

  onCallback(feature, REMINDER_SNOOZE, async (ctx, { caseId, stepIndex }) => {
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") });
      return;
    }
    sayOnRefusal(ctx, { notFound: "reminders.gone", forbidden: "common.notAllowed" });
    const { until } = await snoozeReminder(deps, { actor: ctx.actor, caseId, stepIndex });
    await ctx.answerCallbackQuery({ text: ctx.t("reminders.snoozed", { date: dateText(ctx.t, until) }) });
  });

  return feature;
}
