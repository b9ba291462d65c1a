import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { answerEvent, PARTICIPANTS_MAX, type AnsweredEvent } from "../../app/annual/answer-event.js";
import { EVENT_DETAILS_MAX, EVENT_TITLE_MAX, postEvent } from "../../app/annual/post-event.js";
import { can } from "../../app/access-policy.js";
import { localDateIn } from "../../domain/dates.js";
import { createEventRepository } from "../../repositories/event-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { pickLanguage } from "../../i18n.js";
import { refusalText } from "../views/case-errors.js";
import { fullDate, truncate } from "../views/format.js";
import { askDate, askMultiSelect, askText } from "./kit/index.js";

export const SCHOOL_EVENT_CONVERSATION = "school-event";
export const EVENT_ANSWER_CONVERSATION = "school-event-answer";

/** The class teacher's buttons under an announced event (handled by the annual feature). */
export const EVENT_DATA = {
  list: (eventClassId: number) => `ev:l:${eventClassId}`,
  decline: (eventClassId: number) => `ev:n:${eventClassId}`,
  pattern: /^ev:(l|n):(\d{1,9})$/,
} as const;

/** The classes' toggles: `evd:t:<i>`, `evd:all`, `evd:go` (the kit's multi-select). */
const DATA = { prefix: "evd" } as const;

async function eventStart(deps: BotDeps, ctx: InnerContext) {
  const actor = ctx.actor;
  if (!actor || actor.schoolId === undefined || !can(actor, "postEvent")) return { ok: false as const };
  const settings = await createSchoolRepository(deps.db).calendarSettings(actor.schoolId);
  const today = localDateIn(deps.now(), settings?.timezone ?? deps.defaultTimezone);
  const classes = (await createEventRepository(deps.db).schoolClasses(actor.schoolId)).map((c) => ({ id: c.id, label: c.label }));
  return { ok: true as const, today, classes: classes.slice(0, 60) };
}

/** III.3: the deputy's event — title, details, answer-by date, classes; each class teacher is asked. */
export function schoolEventConversation(deps: BotDeps) {
  return async function schoolEvent(conversation: BotConversation, ctx: InnerContext) {
    const start = await conversation.external(() => eventStart(deps, ctx));
    if (!start.ok) {
      await ctx.reply(ctx.t("event.notAllowed"));
      return;
    }
    if (start.classes.length === 0) {
      await ctx.reply(ctx.t("event.noClasses"));
      return;
    }
    const titled = await askText(conversation, ctx, { prompt: ctx.t("event.askTitle"), max: EVENT_TITLE_MAX });
    if (!titled) return;
    const detailed = await askText(conversation, titled.ctx, { prompt: titled.ctx.t("event.askDetails"), max: EVENT_DETAILS_MAX });
    if (!detailed) return;
    const due = await askDate(conversation, detailed.ctx, { prompt: detailed.ctx.t("event.askAnswerBy"), today: start.today, read: "coming", badDate: "event.badDate" });
    if (!due) return;
    const classes = await askMultiSelect(conversation, due.ctx, {
      prompt: due.ctx.t("event.askClasses"),
      items: start.classes.map((c) => ({ key: c.id, label: c.label })),
      prefix: DATA.prefix,
      columns: 4,
      allLabel: due.ctx.t("event.buttons.all"),
      doneLabel: due.ctx.t("event.buttons.done"),
      emptyHint: due.ctx.t("event.pickClass"),
    });
    if (!classes) return;
    const last = classes.ctx;
    const chosen = classes.value;
    const title = { text: titled.value };
    const details = { text: detailed.value };

    const actor = last.actor;
    const date = due.value;
    const posted = await conversation.external(async () => {
      try {
        if (!actor) throw new Error("no actor");
        const result = await postEvent(deps, { actor, title: title.text, details: details.text, answerBy: date, classIds: chosen });
        return { ok: true as const, recipients: result.recipients };
      } catch (error) {
        const text = refusalText(last.t, error);
        if (!text) throw error;
        last.log.info({ err: error }, "event refused");
        return { ok: false as const, text };
      }
    });
    if (!posted.ok) {
      await last.reply(posted.text);
      return;
    }
    let delivered = 0;
    for (const to of posted.recipients) {
      if (to.chatId === null) continue;
      const t = deps.i18n.t(pickLanguage(to.language, undefined));
      const text = t("event.announcement", { title: title.text, details: details.text, classLabel: to.label, date: fullDate(date), from: actor?.fullName ?? "" });
      const buttons = new InlineKeyboard().text(t("event.buttons.sendList"), EVENT_DATA.list(to.eventClassId)).row().text(t("event.buttons.decline"), EVENT_DATA.decline(to.eventClassId));
      const sent = await last.api.sendMessage(to.chatId, text, { reply_markup: buttons }).then(
        () => true,
        (error: unknown) => {
          last.log.warn({ err: error }, "event announcement not delivered");
          return false;
        },
      );
      if (sent) delivered += 1;
    }
    await last.reply(last.t("event.posted", { count: chosen.length, delivered }));
  };
}

/** Tells the deputy who posted the event that a class answered. */
export async function tellEventAuthor(deps: BotDeps, ctx: InnerContext, answered: AnsweredEvent, participants?: string): Promise<void> {
  if (!answered.author) return;
  const t = deps.i18n.t(pickLanguage(answered.author.language, undefined));
  const answer = participants !== undefined ? truncate(participants, 500) : t("event.declinedMark");
  const text = t("event.answerNotice", { classLabel: answered.classLabel, title: answered.title, answer });
  await ctx.api.sendMessage(answered.author.chatId, text).catch((error: unknown) => ctx.log.warn({ err: error }, "event answer not delivered to its author"));
}

/** The class teacher types the list of participants for an event. */
export function eventAnswerConversation(deps: BotDeps) {
  return async function eventAnswer(conversation: BotConversation, ctx: InnerContext, eventClassId: number) {
    const answer = await askText(conversation, ctx, { prompt: ctx.t("event.askList"), max: PARTICIPANTS_MAX });
    if (!answer) return;
    const typed = { text: answer.value, ctx: answer.ctx };
    const actor = typed.ctx.actor;
    const last = typed.ctx;
    const outcome = await conversation.external(async () => {
      try {
        if (!actor) throw new Error("no actor");
        const answered = await answerEvent(deps, { actor, eventClassId, participants: typed.text });
        await tellEventAuthor(deps, last, answered, typed.text);
        return { ok: true as const, title: answered.title, classLabel: answered.classLabel };
      } catch (error) {
        const text = refusalText(last.t, error);
        if (!text) throw error;
        last.log.info({ err: error }, "event answer refused");
        return { ok: false as const, text };
      }
    });
    await last.reply(outcome.ok ? last.t("event.listSaved", { title: outcome.title, classLabel: outcome.classLabel }) : outcome.text);
  };
}
