import { InlineKeyboard } from "grammy";
import { BotComposer } from "../composer.js";
import type { TFunction } from "i18next";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { AppError } from "../../app/app-error.js";
import { acknowledgeSos } from "../../app/sos/acknowledge-sos.js";
import { SOS_DATA } from "../../app/sos/compose-sos-message.js";
import { getSosDetails, type SosDetails } from "../../app/sos/sos-details.js";
import { SOS_CONVERSATION } from "../conversations/sos.js";

/** /sos (and the menu's «🆘 SOS»): starts the emergency dialogue. */
export function sosFeature() {
  const feature = new BotComposer<BotContext>();
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

function refusal(t: TFunction, error: unknown): string | undefined {
  if (!(error instanceof AppError)) return undefined;
  return error.code === "forbidden" ? t("common.notAllowed") : t("sos.gone");
}

export function detailsText(t: TFunction, d: SosDetails): string {
  const lines = [t("sos.detailsTitle", { at: d.raisedAt }), t("sos.detailsSituation", { situation: t(`sos.situations.${d.kind}`, { defaultValue: d.kind }) })];
  lines.push(d.student ? t("sos.detailsStudent", { name: d.student.fullName, classLabel: d.student.classLabel }) : t("sos.detailsNoStudent"));
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
  const feature = new BotComposer<BotContext>();

  feature.callbackQuery(SOS_DATA.acknowledgePattern, async (ctx) => {
    const alertId = Number(ctx.match[1]);
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") });
      return;
    }
    try {
      const result = await acknowledgeSos(deps, { actor: ctx.actor, alertId });
      if (result.outcome === "already") {
        await ctx.answerCallbackQuery({ text: ctx.t("sos.alreadyTaken", { name: result.by, at: result.at }), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery({ text: ctx.t("sos.takenAnswer") });
      await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard().text(ctx.t("sos.detailsButton"), SOS_DATA.details(alertId)) }).catch(() => undefined);
      await ctx.reply(ctx.t("sos.taken", { at: result.at }));
    } catch (error) {
      const text = refusal(ctx.t, error);
      if (text === undefined) throw error;
      ctx.log.info({ err: error, alertId }, "emergency acknowledgement refused");
      await ctx.answerCallbackQuery({ text });
    }
  });

  feature.callbackQuery(SOS_DATA.detailsPattern, async (ctx) => {
    const alertId = Number(ctx.match[1]);
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") });
      return;
    }
    try {
      const details = await getSosDetails(deps, { actor: ctx.actor, alertId });
      await ctx.answerCallbackQuery();
      const keyboard = !details.acknowledged && can(ctx.actor, "acknowledgeSos") ? new InlineKeyboard().text(ctx.t("sos.acknowledgeButton"), SOS_DATA.acknowledge(alertId)) : undefined;
      await ctx.reply(detailsText(ctx.t, details), keyboard ? { reply_markup: keyboard } : {});
    } catch (error) {
      const text = refusal(ctx.t, error);
      if (text === undefined) throw error;
      ctx.log.info({ err: error, alertId }, "emergency details refused");
      await ctx.answerCallbackQuery({ text });
    }
  });
  return feature;
}
