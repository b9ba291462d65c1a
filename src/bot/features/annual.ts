import { Composer, InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { answerEvent, eventRowToAnswer } from "../../app/annual/answer-event.js";
import { listAnnualTasks, UPBRINGING_REGULATION, type ClassAnnualTasks } from "../../app/annual/annual-tasks.js";
import { listEvents } from "../../app/annual/list-events.js";
import { completeStep } from "../../app/cases/complete-step.js";
import type { SchoolEventRecord } from "../../app/annual/list-events.js";
import { EVENT_CALLBACK } from "../../app/annual/event-data.js";
import { onCallback } from "../callback.js";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";
import { EVENT_ANSWER_CONVERSATION, SCHOOL_EVENT_CONVERSATION } from "../conversations/school-event.js";
import { WORKING_GROUP_CONVERSATION } from "../conversations/working-group.js";
import { sayOnRefusal } from "../middleware/error-boundary.js";
import { dueText, fullDate, truncate } from "../views/format.js";
import { showCaseCard } from "../views/show-case-card.js";

/** Callback data: ✅ on a task, the form chosen, the case card. Step and form by index into the regulation. */
const ANNUAL_OPEN = defineCallback("an", { action: oneOf("o"), caseId: int() });
const ANNUAL_DONE = defineCallback("an", { action: oneOf("d"), caseId: int(), step: int(99) });
const ANNUAL_FORM = defineCallback("an", { action: oneOf("f"), caseId: int(), step: int(99), form: int(99) });

const ANNUAL_DATA = {
  done: (caseId: number, step: number) => ANNUAL_DONE.encode({ action: "d", caseId, step }),
  form: (caseId: number, step: number, form: number) => ANNUAL_FORM.encode({ action: "f", caseId, step, form }),
  open: (caseId: number) => ANNUAL_OPEN.encode({ action: "o", caseId }),
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
  const feature = new Composer<BotContext>();

  feature.command("annual", async (ctx) => {
    if (!ctx.actor || !can(ctx.actor, "openCase")) {
      await ctx.reply(ctx.t("annual.notTeacher"));
      return;
    }
    sayOnRefusal(ctx, { other: "annual.noClasses" });
    const items = await listAnnualTasks(deps, { actor: ctx.actor });
    for (const item of items) await ctx.reply(annualText(ctx.t, item), { reply_markup: annualKeyboard(deps, ctx.t, item) });
  });

  onCallback(feature, ANNUAL_OPEN, async (ctx, { caseId }) => {
    await ctx.answerCallbackQuery();
    await showCaseCard(ctx, deps, caseId);
  });

  onCallback(feature, ANNUAL_DONE, async (ctx, press) => {
    const step = deps.regulations.current(UPBRINGING_REGULATION).steps[press.step];
    if (!step) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    await ctx.answerCallbackQuery();
    const k = new InlineKeyboard();
    step.forms.forEach((form, i) => k.text(ctx.t(`forms.${form}`), ANNUAL_DATA.form(press.caseId, press.step, i)).row());
    await ctx.reply(ctx.t("annual.askForm", { task: ctx.t(`annual.tasks.${step.id}`) }), { reply_markup: k });
  });

  onCallback(feature, ANNUAL_FORM, async (ctx, press) => {
    const caseId = press.caseId;
    const step = deps.regulations.current(UPBRINGING_REGULATION).steps[press.step];
    const form = step?.forms[press.form];
    if (!ctx.actor || !step || !form) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    // completeStep re-checks the case, its school and that the actor runs it.
    await completeStep(deps, { actor: ctx.actor, caseId: String(caseId), stepId: step.id, form });
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

  onCallback(feature, EVENT_CALLBACK, async (ctx, { action, eventClassId }) => {
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    if (action === "l") {
      await eventRowToAnswer(deps, { actor: ctx.actor, eventClassId });
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(EVENT_ANSWER_CONVERSATION, eventClassId);
      return;
    }
    const answered = await answerEvent(deps, { actor: ctx.actor, eventClassId });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    await ctx.reply(ctx.t("event.declineSaved", { title: answered.title, classLabel: answered.classLabel }));
  });

  return feature;
}
