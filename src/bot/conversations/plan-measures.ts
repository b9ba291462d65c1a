import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { addPlanMeasure, MEASURE_TEXT_MAX } from "../../app/plans/add-plan-measure.js";
import { attachPlanFile } from "../../app/plans/attach-plan-file.js";
import type { LocalDate } from "../../domain/dates.js";
import { defineCallback, int } from "../../app/callback-data.js";
import { PLAN_AREAS } from "../../domain/plans/plan-areas.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { dueText } from "../views/format.js";
import { buildPlanMessage, planDialogueStart } from "../views/show-plan.js";
import {
  accept,
  ask,
  askChoice,
  askDate,
  askText,
  cancelButton,
  choicesOf,
  quote,
  refuse,
  requireActor,
  run,
  textReader,
  type Reading,
} from "./kit/index.js";

export const PLAN_MEASURES_CONVERSATION = "plan-measures";

export type PlanDialogueMode = "measures" | "file";

/** The ИПР dialogue's area buttons: "pa:<index in PLAN_AREAS>". */
const PLAN_DIALOGUE_CALLBACK = defineCallback("pa", { index: int(PLAN_AREAS.length - 1) });

/**
 * Records the ИПР: measures one by one (what, in which area, who, by when), repeatable until «Готово», or the
 * plan as a document. Ends with the plan's view.
 */
export function planMeasuresConversation(deps: BotDeps) {
  return async function planMeasures(conversation: BotConversation, ctx: InnerContext, caseId: number, mode: PlanDialogueMode) {
    const start = await run(conversation, () => planDialogueStart(deps, ctx.actor, ctx.t, caseId));
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
        // A measure typed, or the plan's file sent instead.
        const typed = textReader<never>({ max: MEASURE_TEXT_MAX });
        const read = (c: InnerContext): Reading<{ document: true } | { text: string }> =>
          c.message?.document ? accept({ document: true }) : (typed(c) as Reading<{ text: string }>);
        const what = await ask(conversation, last, read, {
          prompt: { text: last.t("plan.askWhat"), keyboard: cancelButton(last) },
        });
        if (!what) return;
        if ("document" in what.value) {
          last = await savePlanFile(conversation, what.ctx, deps, caseId);
        } else {
          const measure = what.value.text;
          const area = await askChoice(conversation, what.ctx, {
            prompt: what.ctx.t("plan.askArea"),
            choices: choicesOf(
              PLAN_DIALOGUE_CALLBACK,
              PLAN_AREAS.map((a, i) => ({ label: what.ctx.t(`plan.areas.${a}`), data: { index: i }, value: a })),
            ),
          });
          if (!area) return;
          const who = await askText(conversation, area.ctx, { prompt: area.ctx.t("plan.askWho"), max: MEASURE_TEXT_MAX });
          if (!who) return;
          const due = await askDue(conversation, who.ctx, start.today);
          if (!due) return;
          last = due.ctx;
          await run(conversation, async (outer) => {
            await addPlanMeasure(deps, {
              actor: requireActor(outer),
              caseId: String(caseId),
              what: measure,
              area: area.value,
              who: who.value,
              ...(due.date ? { dueOn: due.date } : {}),
            });
          });
          const when = due.date ? ` — ${dueText(last.t, due.date)}` : "";
          await last.reply(last.t("plan.added", { what: quote(measure), who: quote(who.value), due: when }));
        }
        const next = await askChoice(conversation, last, {
          prompt: last.t("plan.askMore"),
          choices: choicesOf(DIALOGUE_CALLBACK, [
            { label: last.t("plan.buttons.more"), data: { action: "more" }, value: "more" },
            { label: last.t("plan.buttons.finish"), data: { action: "finish" }, value: "finish" },
          ]),
          cancelButton: false,
        });
        if (!next) return;
        last = next.ctx;
        if (next.value === "finish") break;
      }
    }
    const plan = await run(conversation, () => buildPlanMessage(deps, last.actor, last.t, last.lang, caseId));
    if (plan.ok) await last.reply(plan.text, { reply_markup: plan.reply_markup });
    else await last.reply(plan.text);
  };
}

/** By when: a date, or «Без срока». */
async function askDue(
  conversation: BotConversation,
  ctx: InnerContext,
  today: LocalDate,
): Promise<{ date?: LocalDate; ctx: InnerContext } | undefined> {
  const answer = await askDate(conversation, ctx, {
    prompt: ctx.t("plan.askDue"),
    today,
    read: "coming",
    or: choicesOf(DIALOGUE_CALLBACK, [{ label: ctx.t("plan.buttons.noDue"), data: { action: "nodue" }, value: "noDue" as const }]),
  });
  if (!answer) return undefined;
  return "pressed" in answer ? { ctx: answer.ctx } : { date: answer.value, ctx: answer.ctx };
}

async function askPlanFile(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  caseId: number,
): Promise<InnerContext | undefined> {
  const sent = await ask(conversation, ctx, (c) => (c.message?.document ? accept(true) : refuse(c.t("plan.sendDocument"))), {
    prompt: { text: ctx.t("plan.askFile"), keyboard: cancelButton(ctx) },
  });
  return sent ? savePlanFile(conversation, sent.ctx, deps, caseId) : undefined;
}

async function savePlanFile(conversation: BotConversation, ctx: InnerContext, deps: BotDeps, caseId: number): Promise<InnerContext> {
  const document = ctx.message!.document!;
  const fileName = document.file_name ?? "";
  await run(conversation, async (outer) => {
    await attachPlanFile(deps, { actor: requireActor(outer), caseId: String(caseId), telegramFile: document.file_id, fileName });
  });
  await ctx.reply(ctx.t("plan.fileSaved", { name: fileName ? quote(fileName) : ctx.t("plan.file") }));
  return ctx;
}
