import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { sayOnRefusal } from "../middleware/error-boundary.js";
import { dateText, REMINDER_OCCURRENCE, REMINDER_OPEN, REMINDER_SNOOZE } from "../../app/reminders/compose-message.js";
import { getOpenStep } from "../../app/cases/get-open-step.js";
import { markStep } from "../../app/cases/mark-step.js";
import { AppError } from "../../app/app-error.js";
import { shortDate } from "../views/format.js";
import { onCallback } from "../callback.js";
import { snoozeReminder } from "../../app/reminders/snooze-reminder.js";
import { showCaseCard } from "../views/show-case-card.js";

/** The buttons under digests and escalations; every press goes to a use case, which asks the access policy. */
export function reminderButtonsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

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

  onCallback(feature, REMINDER_OCCURRENCE, async (ctx, { caseId, stepIndex }) => {
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") });
      return;
    }
    sayOnRefusal(ctx, { notFound: "reminders.gone", forbidden: "common.notAllowed" });
    const { card, step } = await getOpenStep(deps, { actor: ctx.actor, caseId: String(caseId), stepIndex });
    if (step.timing.kind !== "recurring") throw new AppError("notRecurring", `step ${step.id} is not weekly`);
    await markStep(deps, { actor: ctx.actor, caseId: String(caseId), stepId: step.id, recurring: true });
    // The digest loses the pressed button, so a second tap cannot record the same contact twice.
    const rows = ctx.callbackQuery.message?.reply_markup?.inline_keyboard ?? [];
    const left = rows.filter((row) => !row.some((b) => "callback_data" in b && b.callback_data === ctx.callbackQuery.data));
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: left } }).catch(() => undefined);
    await ctx.answerCallbackQuery({ text: ctx.t("card.toast.occurrence", { number: step.number, date: shortDate(card.today) }) });
  });

  return feature;
}
