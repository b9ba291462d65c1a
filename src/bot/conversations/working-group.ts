import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { invitableTeachers, scheduleWorkingGroup, WORKING_GROUP_TITLE_MAX } from "../../app/annual/schedule-working-group.js";
import { momentInstant, parseMoment, type LocalMoment } from "../../app/meetings/propose-meeting.js";
import { localDateIn } from "../../domain/dates.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { DIALOGUE_DATA } from "../views/callback-data.js";
import { refusalText } from "../views/case-errors.js";
import { shortName } from "../views/format.js";
import { askPlainText, leavesDialogue } from "./case-dialogue.js";
import { meetingWhen } from "./meeting.js";

export const WORKING_GROUP_CONVERSATION = "working-group";

const DATA = { toggle: (i: number) => `wgd:t:${i}`, all: "wgd:all", go: "wgd:go" } as const;

async function workingGroupStart(deps: BotDeps, ctx: InnerContext) {
  const actor = ctx.actor;
  if (!actor || actor.schoolId === undefined || !can(actor, "scheduleWorkingGroup")) return { ok: false as const };
  const timezone = await getSchoolTimezone(deps, { actor, schoolId: actor.schoolId });
  const teachers = (await invitableTeachers(deps, actor)).map((p) => ({ memberId: p.memberId, name: shortName(p.fullName) }));
  return { ok: true as const, today: localDateIn(deps.now(), timezone), timezone, teachers: teachers.slice(0, 60) };
}

/** III.2: title, «25.11 15:30», the class teachers invited; they confirm with the meeting buttons. */
export function workingGroupConversation(deps: BotDeps) {
  return async function workingGroup(conversation: BotConversation, ctx: InnerContext) {
    const start = await conversation.external(() => workingGroupStart(deps, ctx));
    if (!start.ok) {
      await ctx.reply(ctx.t("workingGroup.notAllowed"));
      return;
    }
    if (start.teachers.length === 0) {
      await ctx.reply(ctx.t("workingGroup.noTeachers"));
      return;
    }
    const title = await askPlainText(conversation, ctx, ctx.t("workingGroup.askTitle"), WORKING_GROUP_TITLE_MAX);
    if (!title) return;
    let last = title.ctx;
    let prompt = last.t("workingGroup.askWhen");
    let moment: LocalMoment | undefined;
    while (!moment) {
      const typed = await askPlainText(conversation, last, prompt, 40);
      if (!typed) return;
      last = typed.ctx;
      const parsed = parseMoment(typed.text, start.today);
      const future = parsed ? await conversation.external(() => momentInstant(parsed, start.timezone).getTime() > deps.now().getTime()) : false;
      if (parsed && future) moment = parsed;
      else prompt = last.t(parsed ? "workingGroup.inPast" : "workingGroup.badWhen");
    }

    const chosen = new Set<number>();
    const keyboard = () => {
      const k = new InlineKeyboard();
      start.teachers.forEach((p, i) => k.text(`${chosen.has(p.memberId) ? "✅" : "▫️"} ${p.name}`, DATA.toggle(i)).row());
      return k.text(last.t("workingGroup.buttons.all"), DATA.all).text(last.t("workingGroup.buttons.invite"), DATA.go).row().text(last.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
    };
    await last.reply(last.t("workingGroup.askInvitees"), { reply_markup: keyboard() });
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
          await next.answerCallbackQuery({ text: next.t("workingGroup.pickSomeone") });
          continue;
        }
        await next.answerCallbackQuery();
        last = next;
        break;
      }
      const toggle = /^wgd:t:(\d+)$/.exec(data ?? "");
      const person = toggle ? start.teachers[Number(toggle[1])] : undefined;
      if (data === DATA.all || person) {
        if (data === DATA.all) start.teachers.forEach((p) => chosen.add(p.memberId));
        else if (chosen.has(person!.memberId)) chosen.delete(person!.memberId);
        else chosen.add(person!.memberId);
        await next.answerCallbackQuery();
        await next.editMessageReplyMarkup({ reply_markup: keyboard() });
      } else if (next.callbackQuery) await next.answerCallbackQuery({ text: next.t("steps.pressButton") });
      else await next.reply(next.t("steps.pressButton"));
    }

    const actor = last.actor;
    const at = moment;
    const scheduled = await conversation.external(async () => {
      try {
        if (!actor) throw new Error("no actor");
        const meeting = await scheduleWorkingGroup(deps, { actor, title: title.text, at, inviteeMemberIds: [...chosen] });
        return { ok: true as const, meetingId: meeting.id, invitees: meeting.invitees.map((i) => ({ chatId: i.chatId, language: i.language })) };
      } catch (error) {
        const text = refusalText(last.t, error);
        if (!text) throw error;
        last.log.info({ err: error }, "working group refused");
        return { ok: false as const, text };
      }
    });
    if (!scheduled.ok) {
      await last.reply(scheduled.text);
      return;
    }
    const time = `${String(at.hour).padStart(2, "0")}:${String(at.minute).padStart(2, "0")}`;
    await last.reply(last.t("workingGroup.scheduled", { title: title.text, when: meetingWhen(last.t, at.date, time), count: scheduled.invitees.length }));
  };
}
