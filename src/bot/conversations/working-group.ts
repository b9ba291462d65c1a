import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { invitableTeachers, scheduleWorkingGroup, WORKING_GROUP_TITLE_MAX } from "../../app/annual/schedule-working-group.js";
import { localDateIn } from "../../domain/dates.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { shortName } from "../views/format.js";
import { askMultiSelect, askText, askTime, quote, requireActor, run, selectCallback } from "./kit/index.js";
import { meetingWhen } from "./meeting.js";

export const WORKING_GROUP_CONVERSATION = "working-group";

/** The invitees' toggles: `wgd:t:<i>`, `wgd:all`, `wgd:go` (the kit's multi-select). */
const INVITEES = selectCallback("wgd");

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
    const start = await run(conversation, () => workingGroupStart(deps, ctx));
    if (!start.ok) {
      await ctx.reply(ctx.t("workingGroup.notAllowed"));
      return;
    }
    if (start.teachers.length === 0) {
      await ctx.reply(ctx.t("workingGroup.noTeachers"));
      return;
    }
    const titled = await askText(conversation, ctx, { prompt: ctx.t("workingGroup.askTitle"), max: WORKING_GROUP_TITLE_MAX });
    if (!titled) return;
    const when = await askTime(conversation, titled.ctx, {
      prompt: titled.ctx.t("workingGroup.askWhen"),
      today: start.today,
      timezone: start.timezone,
      badTime: "workingGroup.badWhen",
      future: { now: deps.now, inPast: "workingGroup.inPast" },
    });
    if (!when) return;
    const invited = await askMultiSelect(conversation, when.ctx, {
      prompt: when.ctx.t("workingGroup.askInvitees"),
      items: start.teachers.map((p) => ({ key: p.memberId, label: p.name })),
      codec: INVITEES,
      allLabel: when.ctx.t("workingGroup.buttons.all"),
      doneLabel: when.ctx.t("workingGroup.buttons.invite"),
      emptyHint: when.ctx.t("workingGroup.pickSomeone"),
    });
    if (!invited) return;
    const last = invited.ctx;
    const chosen = invited.value;
    const title = { text: titled.value };

    const at = when.value.moment;
    const scheduled = await run(conversation, async (outer) => {
      const meeting = await scheduleWorkingGroup(deps, { actor: requireActor(outer), title: title.text, at, inviteeMemberIds: chosen });
      return { invitees: meeting.invitees.length };
    });
    const time = `${String(at.hour).padStart(2, "0")}:${String(at.minute).padStart(2, "0")}`;
    await last.reply(
      last.t("workingGroup.scheduled", {
        title: quote(title.text),
        when: meetingWhen(last.t, at.date, time),
        count: scheduled.invitees,
      }),
    );
  };
}
