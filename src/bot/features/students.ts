import { Composer } from "grammy";
import type { Document } from "grammy/types";
import { can } from "../../app/access-policy.js";
import { importRoster } from "../../app/students/import-roster.js";
import { attendanceFileKind, importAttendance, MAX_ATTENDANCE_BYTES } from "../../app/attendance/import-attendance.js";
import { attendanceResultKeyboard, attendanceResultText } from "../views/attendance-view.js";
import { listClasses } from "../../app/students/list-classes.js";
import { localDateIn } from "../../domain/dates.js";
import { MAX_ROSTER_BYTES, readRoster } from "../../roster/read-roster.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { ADD_STUDENT_CONVERSATION } from "../conversations/add-student.js";
import { sayOnRefusal } from "../middleware/error-boundary.js";
import { addStudentKeyboard, classLine, importResultText, unreadableRosterText } from "./roster-views.js";
import { STUDENTS_DATA } from "./students-data.js";
import { onCallback } from "../callback.js";

const CSV_TYPES = ["text/csv", "text/plain", "application/csv", "text/comma-separated-values"];

function isCsv(document: Document): boolean {
  return /\.(csv|txt)$/i.test(document.file_name ?? "") || CSV_TYPES.includes(document.mime_type ?? "");
}

function isSpreadsheet(document: Document): boolean {
  return /\.xlsx?$/i.test(document.file_name ?? "");
}

/**
 * `/students`: the classes with counts, adding one student, and a file sent: the journal's
 * attendance export (XLSX or CSV, issue 15) or a class list (CSV).
 */
export function studentsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("students", async (ctx) => {
    if (!ctx.actor) return void (await ctx.reply(ctx.t("start.stranger")));
    if (ctx.actor.schoolId === undefined || !can(ctx.actor, "manageStudents")) {
      return void (await ctx.reply(ctx.t("common.notAllowed")));
    }
    const { scope, classes } = await listClasses(deps, ctx.actor);
    const lines =
      classes.length === 0
        ? [ctx.t(scope === "own" ? "students.noOwnClasses" : "students.noClasses")]
        : [ctx.t(scope === "own" ? "students.ownClasses" : "students.schoolClasses"), ...classes.map((c) => classLine(ctx.t, c))];
    lines.push("", ctx.t("students.howToAdd"));
    await ctx.reply(lines.join("\n"), { reply_markup: addStudentKeyboard(ctx.t) });
  });

  onCallback(feature, STUDENTS_DATA.add, async (ctx) => {
    if (!can(ctx.actor, "manageStudents") || ctx.actor?.schoolId === undefined) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(ADD_STUDENT_CONVERSATION);
  });

  feature.on("message:document", async (ctx, next) => {
    const document = ctx.message.document;
    const actor = ctx.actor;
    if (!actor || actor.schoolId === undefined) return next();
    const mayImportAttendance = can(actor, "importAttendance");
    const mayImportRoster = can(actor, "manageStudents");
    if (!(mayImportAttendance || mayImportRoster) || !(isCsv(document) || isSpreadsheet(document))) return next();
    // Checked before downloading: Telegram says the size.
    const limit = mayImportAttendance ? MAX_ATTENDANCE_BYTES : MAX_ROSTER_BYTES;
    if ((document.file_size ?? 0) > limit)
      return void (await ctx.reply(ctx.t(mayImportAttendance ? "attendance.tooLarge" : "roster.tooBig")));
    const file = await ctx.getFile();
    const bytes = await deps.downloadFile(file.file_path!);
    const today = localDateIn(deps.now(), deps.defaultTimezone);

    // The journal's attendance export (a header with dates), XLSX or CSV; anything else is a class list.
    const kind = mayImportAttendance ? await attendanceFileKind(bytes, today) : "other";
    if (kind === "damaged") return void (await ctx.reply(ctx.t("attendance.damaged")));
    if (kind === "attendance") {
      sayOnRefusal(ctx, { forbidden: "common.notAllowed" });
      const own = mayImportRoster ? await listClasses(deps, actor) : undefined;
      const onlyClass = own?.scope === "own" && own.classes.length === 1 ? own.classes[0]!.label : undefined;
      const result = await importAttendance(deps, { by: actor, bytes, today, ...(onlyClass ? { classLabel: onlyClass } : {}) });
      ctx.log.info({ kind: result.kind }, "attendance import");
      const mayMapMarks = can(actor, "administer");
      const keyboard = attendanceResultKeyboard(ctx.t, result, mayMapMarks);
      return void (await ctx.reply(attendanceResultText(ctx.t, result, mayMapMarks), keyboard ? { reply_markup: keyboard } : {}));
    }
    if (!mayImportRoster) return next();
    if (!isCsv(document)) return void (await ctx.reply(ctx.t("roster.saveAsCsv")));
    if (bytes.length > MAX_ROSTER_BYTES) return void (await ctx.reply(ctx.t("roster.tooBig")));

    const roster = readRoster(bytes, today);
    const unreadable = unreadableRosterText(ctx.t, roster);
    if (unreadable || roster.kind !== "parsed") return void (await ctx.reply(unreadable ?? ctx.t("roster.empty")));
    sayOnRefusal(ctx, { forbidden: "common.notAllowed" });
    const result = await importRoster(deps, { by: actor, roster });
    ctx.log.info({ kind: result.kind, rows: roster.rows.length }, "roster import");
    await ctx.reply(importResultText(ctx.t, result));
  });

  return feature;
}
