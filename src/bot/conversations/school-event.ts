import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { answerEvent, PARTICIPANTS_MAX } from "../../app/annual/answer-event.js";
import { EVENT_DETAILS_MAX, EVENT_TITLE_MAX, eventClasses, postEvent } from "../../app/annual/post-event.js";
import { can } from "../../app/access-policy.js";
import { localDateIn, type LocalDate } from "../../domain/dates.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { DIALOGUE_DATA } from "../views/callback-data.js";
import { refusalText } from "../views/case-errors.js";
import { askPlainText, leavesDialogue, parseComingDate } from "./case-dialogue.js";

export const SCHOOL_EVENT_CONVERSATION = "school-event";
export const EVENT_ANSWER_CONVERSATION = "school-event-answer";

/** The class teacher's buttons under an announced event (handled by the annual feature). */

const DATA = { toggle: (i: number) => `evd:t:${i}`, all: "evd:all", go: "evd:go" } as const;

async function eventStart(deps: BotDeps, ctx: InnerContext) {
  const actor = ctx.actor;
  if (!actor || actor.schoolId === undefined || !can(actor, "postEvent")) return { ok: false as const };
  const today = localDateIn(deps.now(), await getSchoolTimezone(deps, { actor, schoolId: actor.schoolId }));
  const classes = await eventClasses(deps, actor);
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
    const title = await askPlainText(conversation, ctx, ctx.t("event.askTitle"), EVENT_TITLE_MAX);
    if (!title) return;
    const details = await askPlainText(conversation, title.ctx, title.ctx.t("event.askDetails"), EVENT_DETAILS_MAX);
    if (!details) return;
    let last = details.ctx;
    let prompt = last.t("event.askAnswerBy");
    let answerBy: LocalDate | undefined;
    while (!answerBy) {
      const typed = await askPlainText(conversation, last, prompt, 20);
      if (!typed) return;
      last = typed.ctx;
      answerBy = parseComingDate(typed.text, start.today);
      prompt = last.t("event.badDate");
    }

    const chosen = new Set<number>();
    const keyboard = () => {
      const k = new InlineKeyboard();
      start.classes.forEach((c, i) => {
        k.text(`${chosen.has(c.id) ? "✅" : "▫️"} ${c.label}`, DATA.toggle(i));
        if (i % 4 === 3) k.row();
      });
      return k.row().text(last.t("event.buttons.all"), DATA.all).text(last.t("event.buttons.done"), DATA.go).row().text(last.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
    };
    await last.reply(last.t("event.askClasses"), { reply_markup: keyboard() });
    for (;;) {
      const next = await conversation.wait();
      if (leavesDialogue(next)) await conversation.halt({ next: true });
      const data = next.callbackQuery?.data;
      if (data === DIALOGUE_DATA.cancel) {
        await next.answerCallbackQuery();
        await next.reply(next.t("steps.cancelled"));
        return;
      }
      if (data === DATA.go) {
        if (chosen.size === 0) {
          await next.answerCallbackQuery({ text: next.t("event.pickClass") });
          continue;
        }
        await next.answerCallbackQuery();
        last = next;
        break;
      }
      const toggle = /^evd:t:(\d+)$/.exec(data ?? "");
      const picked = toggle ? start.classes[Number(toggle[1])] : undefined;
      if (data === DATA.all || picked) {
        if (data === DATA.all) start.classes.forEach((c) => chosen.add(c.id));
        else if (chosen.has(picked!.id)) chosen.delete(picked!.id);
        else chosen.add(picked!.id);
        await next.answerCallbackQuery();
        await next.editMessageReplyMarkup({ reply_markup: keyboard() });
      } else if (next.callbackQuery) await next.answerCallbackQuery({ text: next.t("steps.pressButton") });
      else await next.reply(next.t("steps.pressButton"));
    }

    const actor = last.actor;
    const date = answerBy;
    const posted = await conversation.external(async () => {
      try {
        if (!actor) throw new Error("no actor");
        const result = await postEvent(deps, { actor, title: title.text, details: details.text, answerBy: date, classIds: [...chosen] });
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
    const delivered = posted.recipients.filter((to) => to.chatId !== null).length;
    await last.reply(last.t("event.posted", { count: chosen.size, delivered }));
  };
}

/** The class teacher types the list of participants for an event. */
export function eventAnswerConversation(deps: BotDeps) {
  return async function eventAnswer(conversation: BotConversation, ctx: InnerContext, eventClassId: number) {
    const typed = await askPlainText(conversation, ctx, ctx.t("event.askList"), PARTICIPANTS_MAX);
    if (!typed) return;
    const actor = typed.ctx.actor;
    const last = typed.ctx;
    const outcome = await conversation.external(async () => {
      try {
        if (!actor) throw new Error("no actor");
        const answered = await answerEvent(deps, { actor, eventClassId, participants: typed.text });
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
