import { Composer, InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { acknowledgeSos } from "../../app/sos/acknowledge-sos.js";
import { SOS_ACKNOWLEDGE, SOS_DATA, SOS_DETAILS } from "../../app/sos/compose-sos-message.js";
import { onCallback } from "../callback.js";
import { getSosDetails, type SosDetails } from "../../app/sos/sos-details.js";
import { SOS_CONVERSATION } from "../conversations/sos.js";
import { sayOnRefusal } from "../middleware/error-boundary.js";

/** /sos (and the menu's «🆘 SOS»): starts the emergency dialogue. */
export function sosFeature() {
  const feature = new Composer<BotContext>();
  feature.chatType("private").command("sos", async (ctx) => {
    if (!ctx.actor) {
      await ctx.reply(ctx.t("start.stranger"));
      return;
    }
    if (!can(ctx.actor, "openCase") || ctx.actor.schoolId === undefined) {
      await ctx.reply(ctx.t("sos.notAllowed"));
      return;
    }
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(SOS_CONVERSATION);
  });
  return feature;
}

/** A refused press on an alert: not yours to see, or the alert is gone. */
const SOS_REFUSALS = { forbidden: "common.notAllowed", other: "sos.gone" } as const;

export function detailsText(t: TFunction, d: SosDetails): string {
  const lines = [
    t("sos.detailsTitle", { at: d.raisedAt }),
    t("sos.detailsSituation", { situation: t(`sos.situations.${d.kind}`, { defaultValue: d.kind }) }),
  ];
  lines.push(
    d.student ? t("sos.detailsStudent", { name: d.student.fullName, classLabel: d.student.classLabel }) : t("sos.detailsNoStudent"),
  );
  lines.push(t("sos.detailsText", { text: d.text }));
  lines.push(t("sos.detailsTeacher", { name: d.teacher.fullName, phone: d.teacher.phone ?? t("sos.noPhone") }));
  lines.push(d.acknowledged ? t("sos.detailsTaken", { name: d.acknowledged.by, at: d.acknowledged.at }) : t("sos.detailsWaiting"));
  return lines.join("\n");
}

/**
 * The alert's buttons. Installed ahead of the dialogues: a deputy in the middle of another
 * dialogue must still be able to take an emergency.
 */
export function sosButtonsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCallback(feature, SOS_ACKNOWLEDGE, async (ctx, { alertId }) => {
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") });
      return;
    }
    sayOnRefusal(ctx, SOS_REFUSALS);
    const result = await acknowledgeSos(deps, { actor: ctx.actor, alertId });
    if (result.outcome === "already") {
      await ctx.answerCallbackQuery({ text: ctx.t("sos.alreadyTaken", { name: result.by, at: result.at }), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t("sos.takenAnswer") });
    await ctx
      .editMessageReplyMarkup({ reply_markup: new InlineKeyboard().text(ctx.t("sos.detailsButton"), SOS_DATA.details(alertId)) })
      .catch(() => undefined);
    await ctx.reply(ctx.t("sos.taken", { at: result.at }));
  });

  onCallback(feature, SOS_DETAILS, async (ctx, { alertId }) => {
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") });
      return;
    }
    sayOnRefusal(ctx, SOS_REFUSALS);
    const details = await getSosDetails(deps, { actor: ctx.actor, alertId });
    await ctx.answerCallbackQuery();
    const keyboard =
      !details.acknowledged && can(ctx.actor, "acknowledgeSos")
        ? new InlineKeyboard().text(ctx.t("sos.acknowledgeButton"), SOS_DATA.acknowledge(alertId))
        : undefined;
    await ctx.reply(detailsText(ctx.t, details), keyboard ? { reply_markup: keyboard } : {});
  });
  return feature;
}
