import { InlineKeyboard } from "grammy";
import { BotComposer } from "../composer.js";
import type { TFunction } from "i18next";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { answerEvent, eventRowToAnswer } from "../../app/annual/answer-event.js";
import { listAnnualTasks, UPBRINGING_REGULATION, type ClassAnnualTasks } from "../../app/annual/annual-tasks.js";
import { listEvents } from "../../app/annual/list-events.js";
import { completeStep } from "../../app/cases/complete-step.js";
import type { SchoolEventRecord } from "../../app/annual/list-events.js";
import { EVENT_DATA } from "../../app/annual/event-data.js";
import { EVENT_ANSWER_CONVERSATION, SCHOOL_EVENT_CONVERSATION } from "../conversations/school-event.js";
import { WORKING_GROUP_CONVERSATION } from "../conversations/working-group.js";
import { refusalText } from "../views/case-errors.js";
import { dueText, fullDate, truncate } from "../views/format.js";
import { showCaseCard } from "../views/show-case-card.js";

/** Callback data: ✅ on a task, the form chosen, the case card. Step and form by index into the regulation. */
const ANNUAL_DATA = {
  done: (caseId: number, step: number) => `an:d:${caseId}:${step}`,
  form: (caseId: number, step: number, form: number) => `an:f:${caseId}:${step}:${form}`,
  open: (caseId: number) => `an:o:${caseId}`,
} as const;

const STATUS_ICON: Record<string, string> = { done: "✅", skipped: "⏭", overdue: "🔴", dueToday: "🟠", dueSoon: "🟡" };

function annualText(t: TFunction, item: ClassAnnualTasks): string {
  const lines = [t("annual.classTitle", { classLabel: item.classLabel })];
  for (const task of item.tasks) {
    const state =
      task.status === "done" && task.completedOn
        ? t("annual.doneOn", { date: fullDate(task.completedOn) })
        : task.dueOn
          ? `${dueText(t, task.dueOn)}${task.status === "overdue" ? ` — ${t("annual.overdue")}` : ""}`
          : "";
    lines.push(`${STATUS_ICON[task.status] ?? "▫️"} ${t(`annual.tasks.${task.stepId}`)} — ${state}`);
  }
  return lines.join("\n");
}

function annualKeyboard(deps: BotDeps, t: TFunction, item: ClassAnnualTasks): InlineKeyboard {
  const regulation = deps.regulations.current(UPBRINGING_REGULATION);
  const k = new InlineKeyboard();
  for (const task of item.tasks) {
    if (task.status === "done" || task.status === "skipped") continue;
    const index = regulation.steps.findIndex((s) => s.id === task.stepId);
    k.text(t("annual.buttons.done", { task: t(`annual.tasksShort.${task.stepId}`) }), ANNUAL_DATA.done(item.caseId, index)).row();
  }
  return k.text(t("annual.buttons.open"), ANNUAL_DATA.open(item.caseId));
}

function eventText(t: TFunction, event: SchoolEventRecord): string {
  const lines = [t("event.listTitle", { title: event.title, date: event.answerBy ? fullDate(event.answerBy) : "—" })];
  for (const row of event.classes) {
    const answer = row.declined ? t("event.declinedMark") : row.answer !== null ? truncate(row.answer, 300) : t("event.noAnswer");
    lines.push(`${row.label} — ${answer}`);
  }
  return lines.join("\n");
}

/** Section III: /annual (the class's once-a-year tasks), /event, /events and /workgroup (the deputy), the teachers' answers. */
export function annualFeature(deps: BotDeps) {
  const feature = new BotComposer<BotContext>();

  feature.command("annual", async (ctx) => {
    if (!ctx.actor || !can(ctx.actor, "openCase")) {
      await ctx.reply(ctx.t("annual.notTeacher"));
      return;
    }
    let items: ClassAnnualTasks[];
    try {
      items = await listAnnualTasks(deps, { actor: ctx.actor });
    } catch (error) {
      const text = refusalText(ctx.t, error);
      if (!text) throw error;
      ctx.log.info({ err: error }, "annual tasks refused");
      await ctx.reply(ctx.t("annual.noClasses"));
      return;
    }
    for (const item of items) await ctx.reply(annualText(ctx.t, item), { reply_markup: annualKeyboard(deps, ctx.t, item) });
  });

  feature.callbackQuery(/^an:o:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showCaseCard(ctx, deps, Number(ctx.match[1]));
  });

  feature.callbackQuery(/^an:d:(\d{1,9}):(\d{1,2})$/, async (ctx) => {
    const step = deps.regulations.current(UPBRINGING_REGULATION).steps[Number(ctx.match[2])];
    if (!step) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    await ctx.answerCallbackQuery();
    const k = new InlineKeyboard();
    step.forms.forEach((form, i) => k.text(ctx.t(`forms.${form}`), ANNUAL_DATA.form(Number(ctx.match[1]), Number(ctx.match[2]), i)).row());
    await ctx.reply(ctx.t("annual.askForm", { task: ctx.t(`annual.tasks.${step.id}`) }), { reply_markup: k });
  });

  feature.callbackQuery(/^an:f:(\d{1,9}):(\d{1,2}):(\d{1,2})$/, async (ctx) => {
    const caseId = Number(ctx.match[1]);
    const step = deps.regulations.current(UPBRINGING_REGULATION).steps[Number(ctx.match[2])];
    const form = step?.forms[Number(ctx.match[3])];
    if (!ctx.actor || !step || !form) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    try {
      // completeStep re-checks the case, its school and that the actor runs it.
      await completeStep(deps, { actor: ctx.actor, caseId: String(caseId), stepId: step.id, form });
    } catch (error) {
      const text = refusalText(ctx.t, error);
      if (!text) throw error;
      ctx.log.info({ err: error }, "annual task refused");
      await ctx.answerCallbackQuery({ text });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    await ctx.reply(ctx.t("annual.completed", { task: ctx.t(`annual.tasks.${step.id}`), form: ctx.t(`forms.${form}`) }));
  });

  feature.command("event", async (ctx) => {
    if (!ctx.actor || !can(ctx.actor, "postEvent")) {
      await ctx.reply(ctx.t("event.notAllowed"));
      return;
    }
    await ctx.conversation.enter(SCHOOL_EVENT_CONVERSATION);
  });

  feature.command("workgroup", async (ctx) => {
    if (!ctx.actor || !can(ctx.actor, "scheduleWorkingGroup")) {
      await ctx.reply(ctx.t("workingGroup.notAllowed"));
      return;
    }
    await ctx.conversation.enter(WORKING_GROUP_CONVERSATION);
  });

  feature.command("events", async (ctx) => {
    if (!ctx.actor || !can(ctx.actor, "postEvent")) {
      await ctx.reply(ctx.t("event.notAllowed"));
      return;
    }
    const events = await listEvents(deps, { actor: ctx.actor });
    if (events.length === 0) {
      await ctx.reply(ctx.t("event.none"));
      return;
    }
    await ctx.reply(events.map((e) => eventText(ctx.t, e)).join("\n\n"));
  });

  feature.callbackQuery(EVENT_DATA.pattern, async (ctx) => {
    const eventClassId = Number(ctx.match[2]);
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    if (ctx.match[1] === "l") {
      try {
        await eventRowToAnswer(deps, { actor: ctx.actor, eventClassId });
      } catch (error) {
        const text = refusalText(ctx.t, error);
        if (!text) throw error;
        ctx.log.info({ err: error }, "event answer refused");
        await ctx.answerCallbackQuery({ text });
        return;
      }
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(EVENT_ANSWER_CONVERSATION, eventClassId);
      return;
    }
    try {
      const answered = await answerEvent(deps, { actor: ctx.actor, eventClassId });
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
      await ctx.reply(ctx.t("event.declineSaved", { title: answered.title, classLabel: answered.classLabel }));
    } catch (error) {
      const text = refusalText(ctx.t, error);
      if (!text) throw error;
      ctx.log.info({ err: error }, "event answer refused");
      await ctx.answerCallbackQuery({ text });
    }
  });

  return feature;
}
