import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { answerEvent, PARTICIPANTS_MAX } from "../../app/annual/answer-event.js";
import { EVENT_DETAILS_MAX, EVENT_TITLE_MAX, eventClasses, postEvent } from "../../app/annual/post-event.js";
import { can } from "../../app/access-policy.js";
import { localDateIn } from "../../domain/dates.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { askDate, askMultiSelect, askText, requireActor, run, selectCallback } from "./kit/index.js";

export const SCHOOL_EVENT_CONVERSATION = "school-event";
export const EVENT_ANSWER_CONVERSATION = "school-event-answer";

/** The class teacher's buttons under an announced event (handled by the annual feature). */

/** The classes' toggles: `evd:t:<i>`, `evd:all`, `evd:go` (the kit's multi-select). */
const CLASSES = selectCallback("evd");

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
    const start = await run(conversation, () => eventStart(deps, ctx));
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
    const due = await askDate(conversation, detailed.ctx, {
      prompt: detailed.ctx.t("event.askAnswerBy"),
      today: start.today,
      read: "coming",
      badDate: "event.badDate",
    });
    if (!due) return;
    const classes = await askMultiSelect(conversation, due.ctx, {
      prompt: due.ctx.t("event.askClasses"),
      items: start.classes.map((c) => ({ key: c.id, label: c.label })),
      codec: CLASSES,
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

    const date = due.value;
    const posted = await run(conversation, async (outer) => {
      const result = await postEvent(deps, {
        actor: requireActor(outer),
        title: title.text,
        details: details.text,
        answerBy: date,
        classIds: chosen,
      });
      return { recipients: result.recipients };
    });
    const delivered = posted.recipients.filter((to) => to.chatId !== null).length;
    await last.reply(last.t("event.posted", { count: chosen.length, delivered }));
  };
}

/** The class teacher types the list of participants for an event. */
export function eventAnswerConversation(deps: BotDeps) {
  return async function eventAnswer(conversation: BotConversation, ctx: InnerContext, eventClassId: number) {
    const answer = await askText(conversation, ctx, { prompt: ctx.t("event.askList"), max: PARTICIPANTS_MAX });
    if (!answer) return;
    const typed = { text: answer.value, ctx: answer.ctx };
    const last = typed.ctx;
    const answered = await run(conversation, async (outer) => {
      const { title, classLabel } = await answerEvent(deps, { actor: requireActor(outer), eventClassId, participants: typed.text });
      return { title, classLabel };
    });
    await last.reply(last.t("event.listSaved", answered));
  };
}
