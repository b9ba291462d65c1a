import { Composer } from "grammy";
import { can } from "../../app/access-policy.js";
import type { BotContext } from "../context.js";
import { ABSENT_TODAY_CONVERSATION } from "../conversations/absent-today.js";
import { NEW_CASE_CONVERSATION, type NewCasePreset } from "../conversations/new-case.js";
import { ATTENDANCE_ANSWER_DATA, ATTENDANCE_CASE_DATA, firstDayOf } from "../../app/attendance/attendance-data.js";
import { answerWarning } from "../../app/attendance/answer-warning.js";
import { formatRussianDate } from "../../domain/dates.js";
import type { BotDeps } from "../deps.js";
import { ATTENDANCE_EXCUSE_CONVERSATION } from "../conversations/attendance-excuse.js";
import { ABSENCE_REGULATION_ID } from "../../domain/attendance/absence-run.js";
import { onCallback } from "../callback.js";

/** /absent: «Отсутствуют сегодня» for the class teacher, and the early warning's buttons (issue 15). */
export function absentTodayFeature(deps: BotDeps) {
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
  // «📞 Связался с семьёй» is recorded at once (its button goes); «✅ Причина уважительная» asks for the reason.
  onCallback(feature, ATTENDANCE_ANSWER_DATA, async (ctx, { kind, studentId, first }) => {
    const runFrom = firstDayOf(first);
    if (!ctx.actor || !runFrom) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
    if (kind === "x") {
      await ctx.answerCallbackQuery();
      return void (await ctx.conversation.enter(ATTENDANCE_EXCUSE_CONVERSATION, studentId, runFrom));
    }
    const saved = await answerWarning(deps, { actor: ctx.actor, studentId, runFrom, answer: "contacted" });
    await ctx.answerCallbackQuery({ text: ctx.t(saved.recorded ? "attendance.contact.saved" : "attendance.contact.already") });
    const keyboard = ctx.callbackQuery.message?.reply_markup?.inline_keyboard;
    if (keyboard) {
      const pressed = ctx.callbackQuery.data;
      const rest = keyboard
        .map((row) => row.filter((b) => !("callback_data" in b) || b.callback_data !== pressed))
        .filter((row) => row.length > 0);
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rest } }).catch(() => undefined);
    }
    if (saved.recorded) {
      await ctx.reply(ctx.t("attendance.contact.recorded", { name: saved.studentName, date: formatRussianDate(runFrom) }));
    }
  });
  return feature;
}
