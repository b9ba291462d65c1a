import { BotComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { AppError } from "../../app/app-error.js";
import { respondToMeeting } from "../../app/meetings/respond-to-meeting.js";
import { localClock } from "../../domain/reminders/local-time.js";
import { pickLanguage } from "../../i18n.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { MEETING_DATA, meetingWhen } from "../conversations/meeting.js";

/** An invitee answers «Подтверждаю» / «Не смогу»; the organiser sees each answer and the count. */
export function meetingsFeature(deps: BotDeps) {
  const feature = new BotComposer<BotContext>();

  feature.callbackQuery(MEETING_DATA.pattern, async (ctx) => {
    const accept = ctx.match[1] === "y";
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    let meeting;
    try {
      meeting = await respondToMeeting(deps, { actor: ctx.actor, meetingId: Number(ctx.match[2]), accept });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.log.info({ err: error }, "meeting answer refused");
      await ctx.answerCallbackQuery({ text: ctx.t("meeting.gone") });
      return;
    }
    const settings = await createSchoolRepository(deps.db).calendarSettings(meeting.schoolId);
    const clock = localClock(meeting.startsAt, settings?.timezone ?? deps.defaultTimezone);
    const time = `${String(clock.hour).padStart(2, "0")}:${String(clock.minute).padStart(2, "0")}`;
    await ctx.answerCallbackQuery({ text: ctx.t(accept ? "meeting.youConfirmed" : "meeting.youDeclined") });
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    await ctx.reply(ctx.t(accept ? "meeting.youConfirmedLong" : "meeting.youDeclinedLong", { when: meetingWhen(ctx.t, clock.date, time) }));

    const organizer = meeting.organizer;
    if (organizer.chatId === null) return;
    const t = deps.i18n.t(pickLanguage(organizer.language, undefined));
    const confirmed = meeting.invitees.filter((i) => i.status === "confirmed").length;
    const text = t(accept ? "meeting.confirmedBy" : "meeting.declinedBy", {
      name: ctx.actor.fullName,
      when: meetingWhen(t, clock.date, time),
      confirmed,
      total: meeting.invitees.length,
    });
    await ctx.api.sendMessage(organizer.chatId, text).catch((error: unknown) => ctx.log.warn({ err: error }, "answer not delivered to the organiser"));
  });

  return feature;
}
