import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { addPlanMeasure, MEASURE_TEXT_MAX } from "../../app/plans/add-plan-measure.js";
import { attachPlanFile } from "../../app/plans/attach-plan-file.js";
import type { LocalDate } from "../../domain/dates.js";
import { DIALOGUE_DATA } from "../views/callback-data.js";
import { dueText } from "../views/format.js";
import { buildPlanMessage, planDialogueStart } from "../views/show-plan.js";
import { askChoice, askPlainText, askText, attempt, cancelKeyboard, cancelled, leavesDialogue, parseComingDate } from "./case-dialogue.js";

export const PLAN_MEASURES_CONVERSATION = "plan-measures";

export type PlanDialogueMode = "measures" | "file";

/**
 * Records the ИПР: measures one by one (what, who, by when), repeatable until «Готово», or the
 * plan as a document. Ends with the plan's view.
 */
export function planMeasuresConversation(deps: BotDeps) {
  return async function planMeasures(conversation: BotConversation, ctx: InnerContext, caseId: number, mode: PlanDialogueMode) {
    const start = await conversation.external(() => planDialogueStart(deps, ctx.actor, ctx.t, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    let last = ctx;
    if (mode === "file") {
      const saved = await askPlanFile(conversation, last, deps, caseId);
      if (!saved) return;
      last = saved;
    } else {
      for (;;) {
        const what = await askText(conversation, last, last.t("plan.askWhat"), { max: MEASURE_TEXT_MAX, accept: (next) => next.message?.document !== undefined });
        if (!what) return;
        if ("other" in what) {
          const saved = await savePlanFile(conversation, what.other, deps, caseId);
          if (!saved) return;
          last = saved;
        } else {
          const who = await askPlainText(conversation, what.ctx, what.ctx.t("plan.askWho"), MEASURE_TEXT_MAX);
          if (!who) return;
          const due = await askDue(conversation, who.ctx, start.today);
          if (!due) return;
          last = due.ctx;
          const actor = last.actor;
          const result = await conversation.external(() =>
            attempt(last, async () => {
              if (!actor) throw new Error("no actor");
              await addPlanMeasure(deps, { actor, caseId: String(caseId), what: what.text, who: who.text, ...(due.date ? { dueOn: due.date } : {}) });
            }),
          );
          if (!result.ok) {
            await last.reply(result.text);
            return;
          }
          const when = due.date ? ` — ${dueText(last.t, due.date)}` : "";
          await last.reply(last.t("plan.added", { what: what.text, who: who.text, due: when }));
        }
        const next = await askChoice(
          conversation,
          last,
          last.t("plan.askMore"),
          [
            { label: last.t("plan.buttons.more"), data: DIALOGUE_DATA.more, value: "more" },
            { label: last.t("plan.buttons.finish"), data: DIALOGUE_DATA.finish, value: "finish" },
          ],
          { cancel: false },
        );
        if (!next) return;
        last = next.ctx;
        if (next.value === "finish") break;
      }
    }
    const plan = await conversation.external(() => buildPlanMessage(deps, last.actor, last.t, last.lang, caseId));
    if (plan.ok) await last.reply(plan.text, { reply_markup: plan.reply_markup });
    else await last.reply(plan.text);
  };
}

/** By when: a date, or «Без срока». */
async function askDue(conversation: BotConversation, ctx: InnerContext, today: LocalDate): Promise<{ date?: LocalDate; ctx: InnerContext } | undefined> {
  let prompt = ctx.t("plan.askDue");
  for (;;) {
    const keyboard = new InlineKeyboard().text(ctx.t("plan.buttons.noDue"), DIALOGUE_DATA.noDue).row().text(ctx.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
    const typed = await askText(conversation, ctx, prompt, { max: 20, keyboard, accept: (next) => next.callbackQuery?.data === DIALOGUE_DATA.noDue });
    if (!typed) return undefined;
    if ("other" in typed) {
      await typed.other.answerCallbackQuery();
      return { ctx: typed.other };
    }
    const date = parseComingDate(typed.text, today);
    if (date) return { date, ctx: typed.ctx };
    prompt = typed.ctx.t("steps.badDate");
    ctx = typed.ctx;
  }
}

async function askPlanFile(conversation: BotConversation, ctx: InnerContext, deps: BotDeps, caseId: number): Promise<InnerContext | undefined> {
  await ctx.reply(ctx.t("plan.askFile"), { reply_markup: cancelKeyboard(ctx) });
  for (;;) {
    const next = await conversation.wait();
    if (leavesDialogue(next)) await conversation.halt({ next: true });
    if (next.callbackQuery?.data === DIALOGUE_DATA.cancel) return cancelled(next);
    if (next.message?.document) return savePlanFile(conversation, next, deps, caseId);
    if (next.callbackQuery) await next.answerCallbackQuery({ text: next.t("plan.sendDocument") });
    else if (next.message) await next.reply(next.t("plan.sendDocument"));
  }
}

async function savePlanFile(conversation: BotConversation, ctx: InnerContext, deps: BotDeps, caseId: number): Promise<InnerContext | undefined> {
  const document = ctx.message!.document!;
  const fileName = document.file_name ?? "";
  const actor = ctx.actor;
  const result = await conversation.external(() =>
    attempt(ctx, async () => {
      if (!actor) throw new Error("no actor");
      await attachPlanFile(deps, { actor, caseId: String(caseId), telegramFile: document.file_id, fileName });
    }),
  );
  if (!result.ok) {
    await ctx.reply(result.text);
    return undefined;
  }
  await ctx.reply(ctx.t("plan.fileSaved", { name: fileName || ctx.t("plan.file") }));
  return ctx;
}
