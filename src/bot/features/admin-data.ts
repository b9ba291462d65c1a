import { Composer, InlineKeyboard, InputFile } from "grammy";
import { eraseStudent } from "../../app/admin/erase-student.js";
import { exportStudent } from "../../app/admin/export-student.js";
import { listCalendarYears } from "../../app/admin/production-calendar.js";
import { setStudentLeft } from "../../app/admin/student-leaving.js";
import { formatRussianDate } from "../../domain/dates.js";
import { requireAdmin } from "../../app/admin/admin-access.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { ADMIN_INPUT_CONVERSATION } from "../conversations/admin-input.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { onAdminPress } from "./admin-press.js";
import { ADMIN_DATA } from "./admin-menu-data.js";

/** /admin: the audit trail as CSV, one student's export or erasure, the production calendar. */
export function adminDataFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onAdminPress(feature, ADMIN_DATA.audit, async (ctx) => {
    await requireAdmin(deps, ctx.actor, "audit:export");
    await ctx.conversation.enter(ADMIN_INPUT_CONVERSATION, "auditRange");
  });

  onAdminPress(feature, ADMIN_DATA.students, async (ctx) => {
    await requireAdmin(deps, ctx.actor, "student:search");
    await ctx.conversation.enter(ADMIN_INPUT_CONVERSATION, "student");
  });

  onAdminPress(feature, ADMIN_DATA.exportStudent, async (ctx, { studentId }) => {
    const file = await exportStudent(deps, { by: ctx.actor, studentId });
    await ctx.replyWithDocument(new InputFile(Buffer.from(file.content, "utf8"), file.fileName), {
      caption: ctx.t("export.studentCaption"),
    });
  });

  onAdminPress(feature, ADMIN_DATA.eraseStudent, async (ctx, { studentId }) => {
    await requireAdmin(deps, ctx.actor, `student:${studentId}`);
    const keyboard = new InlineKeyboard()
      .text(ctx.t("privacy.buttons.confirmErase"), ADMIN_DATA.confirmErase.encode({ studentId }))
      .text(ctx.t("admin.back"), ADMIN_DATA.students.encode({}));
    await replyOrEdit(ctx, ctx.t("privacy.confirmErase"), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.confirmErase, async (ctx, { studentId }) => {
    const result = await eraseStudent(deps, { actor: ctx.actor, studentId });
    await replyOrEdit(ctx, ctx.t("privacy.erased", { count: result.erasedCases }), undefined, true);
  });

  // «🚪 Выбыл» / «↩ Вернуть»: starts (or stops) the leaver's retention clock.
  const leaving =
    (left: boolean) =>
    async (ctx: BotContext, { studentId }: { studentId: number }) => {
      const result = await setStudentLeft(deps, { actor: ctx.actor, studentId, left });
      const name = result.fullName;
      const lines = result.leftOn
        ? [ctx.t("privacy.left", { name, date: formatRussianDate(result.leftOn), from: formatRussianDate(result.erasableFrom!) })]
        : [ctx.t("privacy.returned", { name })];
      if (result.leftOn && result.openCases > 0) lines.push(ctx.t("privacy.openCasesLeft", { count: result.openCases }));
      await ctx.reply(lines.join("\n"));
    };
  onAdminPress(feature, ADMIN_DATA.studentLeft, leaving(true));
  onAdminPress(feature, ADMIN_DATA.studentReturned, leaving(false));

  onAdminPress(feature, ADMIN_DATA.calendar, async (ctx) => {
    const years = await listCalendarYears(deps, ctx.actor);
    const lines = years.map((y) =>
      ctx.t("admin.calendar.year", {
        year: y.year,
        status: ctx.t(`admin.calendar.status.${y.status}`, { defaultValue: y.status }),
        source: ctx.t(`admin.calendar.source.${y.source}`),
      }),
    );
    const keyboard = ctx.actor?.installationAdmin
      ? new InlineKeyboard().text(ctx.t("admin.calendar.upload"), ADMIN_DATA.uploadCalendar.encode({}))
      : undefined;
    await replyOrEdit(ctx, [ctx.t("admin.calendar.title"), ...lines].join("\n"), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.uploadCalendar, async (ctx) => {
    if (!ctx.actor?.installationAdmin) return ctx.t("admin.calendar.installationOnly");
    await ctx.conversation.enter(ADMIN_INPUT_CONVERSATION, "calendar");
  });

  return feature;
}
