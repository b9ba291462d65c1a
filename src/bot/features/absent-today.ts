import { Composer } from "grammy";
import { can } from "../../app/access-policy.js";
import type { BotContext } from "../context.js";
import { ABSENT_TODAY_CONVERSATION } from "../conversations/absent-today.js";
import { NEW_CASE_CONVERSATION, type NewCasePreset } from "../conversations/new-case.js";
import { ATTENDANCE_CASE_DATA, firstDayOf } from "../../app/attendance/attendance-data.js";
import { ABSENCE_REGULATION_ID } from "../../domain/attendance/absence-run.js";
import { onCallback } from "../callback.js";

/** /absent: «Отсутствуют сегодня» for the class teacher, and the early warning's «Открыть случай» (issue 15). */
export function absentTodayFeature() {
  const feature = new Composer<BotContext>();
  feature.chatType("private").command("absent", async (ctx) => {
    if (!ctx.actor) return void (await ctx.reply(ctx.t("start.stranger")));
    if (ctx.actor.schoolId === undefined || !can(ctx.actor, "importAttendance")) return void (await ctx.reply(ctx.t("common.notAllowed")));
    await ctx.conversation.enter(ABSENT_TODAY_CONVERSATION);
  });
  // The early warning's «Открыть случай»: the absence case dialogue for that student, the first day filled in.
  onCallback(feature, ATTENDANCE_CASE_DATA, async (ctx, { studentId, first }) => {
    const firstAbsenceOn = firstDayOf(first);
    if (!ctx.actor || ctx.actor.schoolId === undefined || !can(ctx.actor, "openCase") || !firstAbsenceOn) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
    }
    await ctx.answerCallbackQuery();
    const preset: NewCasePreset = { studentId, regulationId: ABSENCE_REGULATION_ID, firstAbsenceOn };
    await ctx.conversation.enter(NEW_CASE_CONVERSATION, preset);
  });
  return feature;
}
