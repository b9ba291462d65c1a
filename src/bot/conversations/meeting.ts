import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { MEASURE_TEXT_MAX } from "../../app/plans/add-plan-measure.js";
import { momentInstant, meetingInvitees, parseMoment, proposeMeeting, type LocalMoment } from "../../app/meetings/propose-meeting.js";
import { recordAgreements, type Agreement } from "../../app/meetings/record-agreements.js";
import { weekday, type LocalDate } from "../../domain/dates.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { DIALOGUE_DATA } from "../views/callback-data.js";
import { shortName, subjectLabel } from "../views/format.js";
import { buildPlanMessage } from "../views/show-plan.js";
import { loadCardModel } from "../views/show-case-card.js";
import { askChoice, askPlainText, askText, attempt, finishWithCard, leavesDialogue, parseComingDate } from "./case-dialogue.js";
import { measureDialogueStart } from "./measure.js";

export const MEETING_CONVERSATION = "difficulty-meeting";
export const AGREEMENTS_CONVERSATION = "difficulty-agreements";

/** Invitation buttons: «Подтверждаю» / «Не смогу» (handled by the meetings feature). */

const DATA = { toggle: (i: number) => `mtd:t:${i}`, go: "mtd:go", noDue: "mtd:nodue" } as const;

/** «25.11 (ср) в 15:30» */
export function meetingWhen(t: TFunction, date: LocalDate, time: string): string {
  return t("meeting.when", { date: `${date.slice(8, 10)}.${date.slice(5, 7)}`, weekday: t(`common.weekdays.${weekday(date)}`), time });
}

interface Invitable {
  memberId: number;
  name: string;
  fixed: boolean;
}

async function meetingStart(deps: BotDeps, ctx: InnerContext, caseId: number) {
  const start = await measureDialogueStart(deps, ctx, caseId);
  if (!start.ok) return start;
  const schoolId = ctx.actor!.schoolId!;
  const timezone = await getSchoolTimezone(deps, { actor: ctx.actor, schoolId });
  const people = await meetingInvitees(deps, { actor: ctx.actor!, caseId: String(caseId) });
  const invitable: Invitable[] = people.map((p) => ({ memberId: p.memberId, name: shortName(p.fullName), fixed: p.fixed }));
  return { ok: true as const, today: start.today, timezone, invitable: invitable.slice(0, 40) };
}

/** II.3: date and time, whom to invite; invitations go out with «Подтверждаю» / «Не смогу». */
export function meetingConversation(deps: BotDeps) {
  return async function meeting(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const start = await conversation.external(() => meetingStart(deps, ctx, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    let prompt = ctx.t("meeting.askWhen");
    let last = ctx;
    let moment: LocalMoment | undefined;
    while (!moment) {
      const typed = await askPlainText(conversation, last, prompt, 40);
      if (!typed) return;
      last = typed.ctx;
      const parsed = parseMoment(typed.text, start.today);
      const future = parsed ? await conversation.external(() => momentInstant(parsed, start.timezone).getTime() > deps.now().getTime()) : false;
      if (parsed && future) moment = parsed;
      else prompt = last.t(parsed ? "meeting.inPast" : "meeting.badWhen");
    }

    const chosen = new Set<number>(start.invitable.filter((p) => p.fixed).map((p) => p.memberId));
    const keyboard = () => {
      const k = new InlineKeyboard();
      start.invitable.forEach((p, i) => k.text(`${chosen.has(p.memberId) ? "✅" : "▫️"} ${p.name}`, DATA.toggle(i)).row());
      return k.text(last.t("meeting.buttons.invite"), DATA.go).row().text(last.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
    };
    await last.reply(last.t("meeting.askInvitees"), { reply_markup: keyboard() });
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
        await next.answerCallbackQuery();
        last = next;
        break;
      }
      const toggle = /^mtd:t:(\d+)$/.exec(data ?? "");
      const person = toggle ? start.invitable[Number(toggle[1])] : undefined;
      if (person && !person.fixed) {
        if (chosen.has(person.memberId)) chosen.delete(person.memberId);
        else chosen.add(person.memberId);
        await next.answerCallbackQuery();
        await next.editMessageReplyMarkup({ reply_markup: keyboard() });
      } else if (next.callbackQuery) await next.answerCallbackQuery(person ? { text: next.t("meeting.deputyAlways") } : { text: next.t("steps.pressButton") });
      else await next.reply(next.t("steps.pressButton"));
    }

    const actor = last.actor;
    const at = moment;
    const proposed = await conversation.external(async () => {
      let value: { meetingId: number; subject: string; invitees: { chatId: number | null; language: string | null; name: string }[] } | undefined;
      const outcome = await attempt(last, async () => {
        if (!actor) throw new Error("no actor");
        const meeting = await proposeMeeting(deps, { actor, caseId: String(caseId), at, inviteeMemberIds: [...chosen] });
        const model = await loadCardModel(deps, actor, caseId);
        value = {
          meetingId: meeting.id,
          subject: subjectLabel(model.card.student?.fullName, model.card.student?.classLabel),
          invitees: meeting.invitees.map((i) => ({ chatId: i.chatId, language: i.language, name: i.fullName })),
        };
      });
      return outcome.ok && value ? { ok: true as const, ...value } : { ok: false as const, text: outcome.ok ? last.t("common.error") : outcome.text };
    });
    if (!proposed.ok) {
      await last.reply(proposed.text);
      return;
    }
    const time = `${String(at.hour).padStart(2, "0")}:${String(at.minute).padStart(2, "0")}`;
    const names = proposed.invitees.map((i) => i.name).join(", ") || last.t("meeting.nobody");
    await finishWithCard(conversation, last, deps, caseId, last.t("meeting.proposed", { when: meetingWhen(last.t, at.date, time), names }));
  };
}

/** After the meeting: the agreements (what, who, by when); step 3 is done and they form «План по итогам встречи». */
export function agreementsConversation(deps: BotDeps) {
  return async function agreements(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const start = await conversation.external(() => measureDialogueStart(deps, ctx, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    const collected: Agreement[] = [];
    let last = ctx;
    for (;;) {
      const what = await askPlainText(conversation, last, last.t("meeting.askAgreement"), MEASURE_TEXT_MAX);
      if (!what) return;
      const who = await askPlainText(conversation, what.ctx, what.ctx.t("meeting.askWho"), MEASURE_TEXT_MAX);
      if (!who) return;
      last = who.ctx;
      let dueOn: LocalDate | undefined;
      let prompt = last.t("meeting.askDue");
      for (;;) {
        const keyboard = new InlineKeyboard().text(last.t("meeting.buttons.noDue"), DATA.noDue).row().text(last.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
        const typed = await askText(conversation, last, prompt, { max: 20, keyboard, accept: (next) => next.callbackQuery?.data === DATA.noDue });
        if (!typed) return;
        if ("other" in typed) {
          await typed.other.answerCallbackQuery();
          last = typed.other;
          break;
        }
        last = typed.ctx;
        dueOn = parseComingDate(typed.text, start.today);
        if (dueOn) break;
        prompt = last.t("steps.badDate");
      }
      collected.push({ what: what.text, who: who.text, ...(dueOn ? { dueOn } : {}) });
      const next = await askChoice(
        conversation,
        last,
        last.t("meeting.askMore"),
        [
          { label: last.t("meeting.buttons.more"), data: DIALOGUE_DATA.more, value: "more" },
          { label: last.t("meeting.buttons.finish"), data: DIALOGUE_DATA.finish, value: "finish" },
        ],
        { cancel: false },
      );
      if (!next) return;
      last = next.ctx;
      if (next.value === "finish") break;
    }
    const actor = last.actor;
    const saved = await conversation.external(() =>
      attempt(last, async () => {
        if (!actor) throw new Error("no actor");
        await recordAgreements(deps, { actor, caseId: String(caseId), agreements: collected });
      }),
    );
    if (!saved.ok) {
      await last.reply(saved.text);
      return;
    }
    await last.reply(last.t("meeting.agreementsSaved", { count: collected.length }));
    const plan = await conversation.external(() => buildPlanMessage(deps, last.actor, last.t, last.lang, caseId));
    if (plan.ok) await last.reply(plan.text, { reply_markup: plan.reply_markup });
    else await finishWithCard(conversation, last, deps, caseId);
  };
}
