import { Composer, InlineKeyboard } from "grammy";
import { getAttendanceSettings, setMarkMeaning, setWarnDays } from "../../app/admin/attendance-settings.js";
import { requireAdmin } from "../../app/admin/admin-access.js";
import { WARN_DAYS_RANGE } from "../../domain/attendance/absence-run.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { ATTENDANCE_MARK_CONVERSATION } from "../conversations/attendance-mark.js";
import { mappingLines, markLabel } from "../views/attendance-marks-view.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { onAdminPress } from "./admin-press.js";
import { ADMIN_DATA } from "./admin-menu-data.js";

/** Marks of the school's own removed by buttons, this many to a row. */
const MARKS_PER_ROW = 4;

/**
 * /admin → Настройки → «⚠️ Пропуски» (issue 15): after how many school days in a row the class
 * teacher is warned (one tap on the number), the marks files are read with, the school's own marks
 * added («➕ Добавить отметку», or the button under a file with an unknown mark) and removed («✖ НП»).
 */
export function adminAttendanceFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  async function show(ctx: BotContext, edit: boolean): Promise<void> {
    const s = await getAttendanceSettings(deps, ctx.actor);
    const t = ctx.t;
    const own = s.own.length
      ? s.own.map(([key, meaning]) =>
          t("attendance.marks.ownLine", { mark: markLabel(t, key), meaning: t(`attendance.marks.meaning.${meaning}`) }),
        )
      : [t("attendance.marks.noOwn")];
    const text = [
      t("attendance.settings.title"),
      t("attendance.settings.warnDays", { count: s.warnDays }),
      "",
      t("attendance.marks.title"),
      ...mappingLines(t, s.mapping),
      "",
      t("attendance.marks.ownTitle"),
      ...own,
    ].join("\n");
    const keyboard = new InlineKeyboard();
    for (let days = WARN_DAYS_RANGE.min; days <= WARN_DAYS_RANGE.max; days++) {
      keyboard.text(days === s.warnDays ? `• ${days} •` : String(days), ADMIN_DATA.warnDays.encode({ days }));
      if (days === WARN_DAYS_RANGE.min + 4) keyboard.row();
    }
    keyboard.row().text(t("attendance.marks.add"), ADMIN_DATA.addMark.encode({}));
    s.own.forEach(([key], i) => {
      if (i % MARKS_PER_ROW === 0) keyboard.row();
      keyboard.text(`✖ ${markLabel(t, key)}`, ADMIN_DATA.removeMark.encode({ mark: key }));
    });
    keyboard.row().text(t("admin.back"), ADMIN_DATA.settings.encode({}));
    await replyOrEdit(ctx, text, keyboard, edit);
  }

  onAdminPress(feature, ADMIN_DATA.attendance, async (ctx) => {
    await show(ctx, true);
  });

  onAdminPress(feature, ADMIN_DATA.warnDays, async (ctx, { days }) => {
    await setWarnDays(deps, { actor: ctx.actor, days });
    await show(ctx, true);
    return ctx.t("attendance.settings.saved");
  });

  onAdminPress(feature, ADMIN_DATA.removeMark, async (ctx, { mark }) => {
    await setMarkMeaning(deps, { actor: ctx.actor, mark, meaning: undefined });
    await show(ctx, true);
    return ctx.t("attendance.settings.saved");
  });

  onAdminPress(feature, ADMIN_DATA.addMark, async (ctx) => {
    await requireAdmin(deps, ctx.actor, "school:attendance");
    await ctx.conversation.enter(ATTENDANCE_MARK_CONVERSATION);
  });

  // Under a file refused for an unknown mark: what does it mean?
  onAdminPress(feature, ADMIN_DATA.mapMark, async (ctx, { mark }) => {
    await requireAdmin(deps, ctx.actor, "school:attendance");
    await ctx.conversation.enter(ATTENDANCE_MARK_CONVERSATION, mark);
  });

  return feature;
}
