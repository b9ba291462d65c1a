import { absentTodayStart, markAbsentToday } from "../../app/attendance/mark-absent.js";
import { defineCallback, int } from "../../app/callback-data.js";
import { formatRussianDate } from "../../domain/dates.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { askChoice, askMultiSelect, choicesOf, requireActor, run, selectCallback } from "./kit/index.js";

export const ABSENT_TODAY_CONVERSATION = "absent-today";

/** «Отсутствуют сегодня»: the class (ab:c:<index>), then the students as toggles (abs:…), then who had a reason (abx:…). */
const CLASS_CALLBACK = defineCallback("ab", { index: int(99) });
const ABSENT = selectCallback("abs");
const EXCUSED = selectCallback("abx");

/**
 * /absent: today's absences of the teacher's class in a few taps — the class (when they have
 * several), the absent students ticked (those marked earlier today come ticked), «Готово», and
 * whether anyone had a valid reason. A class of 30 with three absent is five taps.
 */
export function absentTodayConversation(deps: BotDeps) {
  return async function absentToday(conversation: BotConversation, ctx: InnerContext) {
    // Plain data: what a dialogue's step returns is kept to replay it.
    const start = await run(conversation, async (outer) => {
      const { today, classes } = await absentTodayStart(deps, requireActor(outer));
      return {
        today,
        classes: classes.map((c) => ({
          id: c.id,
          label: c.label,
          students: c.students.map((s) => ({ id: s.id, fullName: s.fullName })),
          absent: [...c.absent.entries()],
        })),
      };
    });
    if (start.classes.length === 0) return void (await ctx.reply(ctx.t("absentToday.noClasses")));
    let c = ctx;
    let schoolClass = start.classes[0]!;
    if (start.classes.length > 1) {
      const picked = await askChoice(conversation, c, {
        prompt: c.t("absentToday.askClass"),
        choices: choicesOf(
          CLASS_CALLBACK,
          start.classes.map((k, i) => ({ label: k.label, data: { index: i }, value: i })),
        ),
      });
      if (!picked) return;
      c = picked.ctx;
      schoolClass = start.classes[picked.value]!;
    }
    if (schoolClass.students.length === 0) return void (await c.reply(c.t("absentToday.noStudents", { classLabel: schoolClass.label })));
    const before = new Map(schoolClass.absent);
    const absent = await askMultiSelect(conversation, c, {
      prompt: c.t("absentToday.askAbsent", { classLabel: schoolClass.label, date: formatRussianDate(start.today) }),
      items: schoolClass.students.map((s) => ({ key: s.id, label: s.fullName })),
      initial: [...before.keys()],
      codec: ABSENT,
      columns: 2,
      doneLabel: c.t("absentToday.done"),
    });
    if (!absent) return;
    c = absent.ctx;
    await c.editMessageReplyMarkup().catch(() => undefined);
    let excused = absent.value.filter((id) => before.get(id) === "excused");
    if (absent.value.length > 0) {
      const reason = await askChoice(conversation, c, {
        prompt: c.t("absentToday.askReason"),
        choices: choicesOf(DIALOGUE_CALLBACK, [
          { label: c.t("absentToday.allUnexcused"), data: { action: "yes" }, value: "none" as const },
          { label: c.t("absentToday.someExcused"), data: { action: "more" }, value: "some" as const },
        ]),
        dropButtons: true,
      });
      if (!reason) return;
      c = reason.ctx;
      if (reason.value === "none") excused = [];
      else {
        const names = new Map(schoolClass.students.map((s) => [s.id, s.fullName]));
        const chosen = await askMultiSelect(conversation, c, {
          prompt: c.t("absentToday.askExcused"),
          items: absent.value.map((id) => ({ key: id, label: names.get(id) ?? "" })),
          initial: excused,
          codec: EXCUSED,
          doneLabel: c.t("absentToday.done"),
        });
        if (!chosen) return;
        c = chosen.ctx;
        excused = chosen.value;
        await c.editMessageReplyMarkup().catch(() => undefined);
      }
    }
    const marks: [number, "unexcused" | "excused"][] = absent.value.map((id) => [id, excused.includes(id) ? "excused" : "unexcused"]);
    const saved = await run(conversation, (outer) =>
      markAbsentToday(deps, { actor: requireActor(outer), classId: schoolClass.id, absent: new Map(marks) }),
    );
    await c.reply(
      c.t("absentToday.saved", {
        classLabel: saved.label,
        date: formatRussianDate(saved.today),
        absent: saved.unexcused + saved.excused,
        students: saved.students,
        unexcused: saved.unexcused,
        excused: saved.excused,
      }),
    );
  };
}
