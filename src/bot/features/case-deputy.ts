import { Composer, InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";
import { listDeputyTargets, reassignDeputy } from "../../app/cases/reassign-deputy.js";
import { onCallback } from "../callback.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { CardModel } from "../views/case-card-view.js";
import { showCaseCard } from "../views/show-case-card.js";

/*
 * The card's «🔁 Сменить заместителя» for deputies and the director: "dq:l:<case>" lists the
 * school's deputies, "dq:s:<case>:<member>" hands the case over. Nothing in the data is trusted:
 * reassignDeputy checks the policy, the case and that the member is a deputy of the same school.
 */
const DATA = {
  list: defineCallback("dq", { action: oneOf("l"), caseId: int() }),
  set: defineCallback("dq", { action: oneOf("s"), caseId: int(), memberId: int() }),
};

/** The most deputies one message lists (a school has a handful). */
const MAX_LISTED = 30;

/** The card's row for whoever may hand the case to another deputy. */
export function deputyRows(t: TFunction, model: CardModel, keyboard: InlineKeyboard): InlineKeyboard {
  const { card } = model;
  if (card.deputy?.canChange && card.state.status === "open")
    keyboard.text(t("caseDeputy.changeButton"), DATA.list.encode({ action: "l", caseId: Number(card.state.id) })).row();
  return keyboard;
}

export function caseDeputyFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCallback(feature, DATA.list, async (ctx, { caseId }) => {
    if (!ctx.actor) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
    const targets = await listDeputyTargets(deps, { actor: ctx.actor, caseId: String(caseId) });
    if (targets.deputies.length === 0) return void (await ctx.answerCallbackQuery({ text: ctx.t("caseDeputy.noOthers") }));
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    for (const d of targets.deputies.slice(0, MAX_LISTED))
      keyboard.text(d.fullName, DATA.set.encode({ action: "s", caseId: targets.caseId, memberId: d.memberId })).row();
    await ctx.reply(ctx.t("caseDeputy.choose"), { reply_markup: keyboard });
  });

  onCallback(feature, DATA.set, async (ctx, { caseId, memberId }) => {
    if (!ctx.actor) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
    const { deputyName } = await reassignDeputy(deps, { actor: ctx.actor, caseId: String(caseId), deputyMemberId: memberId });
    await ctx.answerCallbackQuery({ text: ctx.t("caseDeputy.changed", { name: deputyName }) });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await showCaseCard(ctx, deps, caseId);
  });

  return feature;
}
