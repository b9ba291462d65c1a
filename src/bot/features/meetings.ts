import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { sayOnRefusal } from "../middleware/error-boundary.js";
import { respondToMeeting } from "../../app/meetings/respond-to-meeting.js";
import { localClock } from "../../domain/reminders/local-time.js";
import { MEETING_CALLBACK } from "../../app/meetings/meeting-data.js";
import { onCallback } from "../callback.js";
import { meetingWhen } from "../conversations/meeting.js";

/** An invitee answers «Подтверждаю» / «Не смогу»; the organiser sees each answer and the count. */
export function meetingsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCallback(feature, MEETING_CALLBACK, async (ctx, { answer, meetingId }) => {
    const accept = answer === "y";
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    sayOnRefusal(ctx, { other: "meeting.gone" });
    const meeting = await respondToMeeting(deps, { actor: ctx.actor, meetingId, accept });
    const clock = localClock(meeting.startsAt, meeting.timezone);
    const time = `${String(clock.hour).padStart(2, "0")}:${String(clock.minute).padStart(2, "0")}`;
    await ctx.answerCallbackQuery({ text: ctx.t(accept ? "meeting.youConfirmed" : "meeting.youDeclined") });
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    await ctx.reply(ctx.t(accept ? "meeting.youConfirmedLong" : "meeting.youDeclinedLong", { when: meetingWhen(ctx.t, clock.date, time) }));
  });

  return feature;
}
