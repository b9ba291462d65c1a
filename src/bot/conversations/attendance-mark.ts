import { setMarkMeaning } from "../../app/admin/attendance-settings.js";
import type { AttendanceMark } from "../../domain/attendance/absence-run.js";
import { MAX_MARK_LENGTH, schoolMarkKey } from "../../domain/attendance/marks.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { markLabel } from "../views/attendance-marks-view.js";
import { askChoice, askText, choicesOf, requireActor, run } from "./kit/index.js";

export const ATTENDANCE_MARK_CONVERSATION = "attendance-mark";

/**
 * A journal mark of the school's own: the mark (typed, or the one a refused file had), then what it
 * means (three buttons); saved over the default mapping, and the next file is read with it.
 */
export function attendanceMarkConversation(deps: BotDeps) {
  return async function attendanceMark(conversation: BotConversation, ctx: InnerContext, given?: string) {
    let c = ctx;
    let mark = given;
    if (mark === undefined) {
      const typed = await askText(conversation, c, {
        prompt: c.t("attendance.marks.askMark"),
        max: MAX_MARK_LENGTH + 4,
        check: (text, k) => (schoolMarkKey(text) ? undefined : k.t("attendance.marks.badMark", { max: MAX_MARK_LENGTH })),
      });
      if (!typed) return;
      c = typed.ctx;
      mark = typed.value;
    }
    const key = schoolMarkKey(mark);
    if (!key) return void (await c.reply(c.t("attendance.marks.badMark", { max: MAX_MARK_LENGTH })));
    const meanings: AttendanceMark[] = ["unexcused", "excused", "present"];
    const chosen = await askChoice(conversation, c, {
      prompt: c.t("attendance.marks.askMeaning", { mark: markLabel(c.t, key) }),
      choices: choicesOf(
        DIALOGUE_CALLBACK,
        meanings.map((meaning, index) => ({
          label: c.t(`attendance.marks.meaning.${meaning}`),
          data: { action: "a", index },
          value: meaning,
        })),
      ),
      dropButtons: true,
    });
    if (!chosen) return;
    await run(conversation, (outer) => setMarkMeaning(deps, { actor: requireActor(outer), mark: key, meaning: chosen.value }));
    await chosen.ctx.reply(
      chosen.ctx.t("attendance.marks.saved", {
        mark: markLabel(chosen.ctx.t, key),
        meaning: chosen.ctx.t(`attendance.marks.meaning.${chosen.value}`),
      }),
    );
  };
}
