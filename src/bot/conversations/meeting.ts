import type { TFunction } from "i18next";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { MEASURE_TEXT_MAX } from "../../app/plans/add-plan-measure.js";
import { meetingInvitees, proposeMeeting } from "../../app/meetings/propose-meeting.js";
import { recordAgreements, type Agreement } from "../../app/meetings/record-agreements.js";
import { weekday, type LocalDate } from "../../domain/dates.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { shortName } from "../views/format.js";
import { buildPlanMessage } from "../views/show-plan.js";
import { finishWithCard } from "./case-dialogue.js";
import { askChoice, askDate, askMultiSelect, askText, askTime, choicesOf, requireActor, run, selectCallback } from "./kit/index.js";
import { measureDialogueStart } from "./measure.js";

export const MEETING_CONVERSATION = "difficulty-meeting";
export const AGREEMENTS_CONVERSATION = "difficulty-agreements";

/** Invitation buttons: «Подтверждаю» / «Не смогу» (handled by the meetings feature). */

/** The invitees' toggles: `mtd:t:<i>`, `mtd:go` (the kit's multi-select). */
const INVITEES = selectCallback("mtd");

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
    const start = await run(conversation, () => meetingStart(deps, ctx, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    const when = await askTime(conversation, ctx, {
      prompt: ctx.t("meeting.askWhen"),
      today: start.today,
      timezone: start.timezone,
      badTime: "meeting.badWhen",
      future: { now: deps.now, inPast: "meeting.inPast" },
    });
    if (!when) return;
    const invited = await askMultiSelect(conversation, when.ctx, {
      prompt: when.ctx.t("meeting.askInvitees"),
      items: start.invitable.map((p) => ({ key: p.memberId, label: p.name, fixed: p.fixed })),
      codec: INVITEES,
      doneLabel: when.ctx.t("meeting.buttons.invite"),
      fixedHint: when.ctx.t("meeting.deputyAlways"),
    });
    if (!invited) return;
    const last = invited.ctx;
    const chosen = invited.value;

    const at = when.value.moment;
    const proposed = await run(conversation, async (outer) => {
      const meeting = await proposeMeeting(deps, { actor: requireActor(outer), caseId: String(caseId), at, inviteeMemberIds: [...chosen] });
      return { invitees: meeting.invitees.map((i) => ({ name: i.fullName })) };
    });
    const time = `${String(at.hour).padStart(2, "0")}:${String(at.minute).padStart(2, "0")}`;
    const names = proposed.invitees.map((i) => i.name).join(", ") || last.t("meeting.nobody");
    await finishWithCard(conversation, last, deps, caseId, last.t("meeting.proposed", { when: meetingWhen(last.t, at.date, time), names }));
  };
}

/** After the meeting: the agreements (what, who, by when); step 3 is done and they form «План по итогам встречи». */
export function agreementsConversation(deps: BotDeps) {
  return async function agreements(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const start = await run(conversation, () => measureDialogueStart(deps, ctx, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    const collected: Agreement[] = [];
    let last = ctx;
    for (;;) {
      const what = await askText(conversation, last, { prompt: last.t("meeting.askAgreement"), max: MEASURE_TEXT_MAX });
      if (!what) return;
      const who = await askText(conversation, what.ctx, { prompt: what.ctx.t("meeting.askWho"), max: MEASURE_TEXT_MAX });
      if (!who) return;
      const due = await askDate(conversation, who.ctx, {
        prompt: who.ctx.t("meeting.askDue"),
        today: start.today,
        read: "coming",
        or: choicesOf(DIALOGUE_CALLBACK, [
          { label: who.ctx.t("meeting.buttons.noDue"), data: { action: "nodue" }, value: "noDue" as const },
        ]),
      });
      if (!due) return;
      last = due.ctx;
      const dueOn: LocalDate | undefined = "pressed" in due ? undefined : due.value;
      collected.push({ what: what.value, who: who.value, ...(dueOn ? { dueOn } : {}) });
      const next = await askChoice(conversation, last, {
        prompt: last.t("meeting.askMore"),
        choices: choicesOf(DIALOGUE_CALLBACK, [
          { label: last.t("meeting.buttons.more"), data: { action: "more" }, value: "more" },
          { label: last.t("meeting.buttons.finish"), data: { action: "finish" }, value: "finish" },
        ]),
        cancelButton: false,
      });
      if (!next) return;
      last = next.ctx;
      if (next.value === "finish") break;
    }
    await run(conversation, async (outer) => {
      await recordAgreements(deps, { actor: requireActor(outer), caseId: String(caseId), agreements: collected });
    });
    await last.reply(last.t("meeting.agreementsSaved", { count: collected.length }));
    const plan = await run(conversation, () => buildPlanMessage(deps, last.actor, last.t, last.lang, caseId));
    if (plan.ok) await last.reply(plan.text, { reply_markup: plan.reply_markup });
    else await finishWithCard(conversation, last, deps, caseId);
  };
}
