import { answerWarning, EXCUSE_NOTE_MAX, warningSubject } from "../../app/attendance/answer-warning.js";
import { formatRussianDate, type LocalDate } from "../../domain/dates.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { askText, requireActor, run } from "./kit/index.js";

export const ATTENDANCE_EXCUSE_CONVERSATION = "attendance-excuse";

/**
 * The early warning's «✅ Причина уважительная»: the student and the run are checked first, then the
 * teacher types the reason (a note of up to EXCUSE_NOTE_MAX characters); from then on the run counts
 * no more until the student is back.
 */
export function attendanceExcuseConversation(deps: BotDeps) {
  return async function attendanceExcuse(conversation: BotConversation, ctx: InnerContext, studentId: number, runFrom: LocalDate) {
    const subject = await run(conversation, (outer) => warningSubject(deps, { actor: requireActor(outer), studentId, runFrom }));
    const typed = await askText(conversation, ctx, {
      prompt: ctx.t("attendance.excuse.ask", { name: subject.studentName, date: formatRussianDate(runFrom) }),
      max: EXCUSE_NOTE_MAX,
    });
    if (!typed) return;
    const saved = await run(conversation, (outer) =>
      answerWarning(deps, { actor: requireActor(outer), studentId, runFrom, answer: "excused", note: typed.value }),
    );
    await typed.ctx.reply(
      typed.ctx.t(saved.recorded ? "attendance.excuse.saved" : "attendance.excuse.already", {
        name: saved.studentName,
        date: formatRussianDate(runFrom),
      }),
    );
  };
}
