import { InlineKeyboard } from "grammy";
import { BotComposer } from "../composer.js";
import type { TFunction } from "i18next";
import { can } from "../../app/access-policy.js";
import { getSchoolSettings, removeVacation, setUpbringingDeputy, updateSchoolSettings } from "../../app/admin/school-settings.js";
import { listPeople } from "../../app/admin/people.js";
import { formatRussianDate } from "../../domain/dates.js";
import type { SchoolSettings } from "../../app/admin/school-settings.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { ADMIN_INPUT_CONVERSATION } from "../conversations/admin-input.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { onAdminPress } from "./admin-press.js";

/*
 * /admin: the school administrator's menu. Settings here; people, classes and promotion in
 * admin-people.ts; exports, students and the calendar in admin-data.ts. Typed values go through
 * the admin-input dialogue.
 */

export function adminMenuKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("admin.menu.settings"), "adm:s")
    .text(t("admin.menu.people"), "adm:p")
    .row()
    .text(t("admin.menu.classes"), "adm:c")
    .text(t("admin.menu.promote"), "adm:pr")
    .row()
    .text(t("admin.menu.calendar"), "adm:cal")
    .text(t("admin.menu.audit"), "adm:a")
    .row()
    .text(t("admin.menu.student"), "adm:st");
}

export function settingsText(t: TFunction, s: SchoolSettings, deputyName: string | undefined): string {
  const vacations = s.vacations.length
    ? s.vacations.map((v) => `${formatRussianDate(v.fromDate)}–${formatRussianDate(v.toDate)}`).join(", ")
    : t("school.noVacations");
  return [
    t("school.title", { name: s.name }),
    t("school.timezone", { value: s.timezone }),
    t("school.week", { count: s.weekLength }),
    t("school.hours", { from: s.workStartHour, to: s.workEndHour }),
    t("school.digest", { hour: s.digestHour }),
    t("school.vacations", { list: vacations }),
    t("school.deputy", { name: deputyName ?? t("school.noDeputy") }),
    t(s.hideNamesInPush ? "school.hideNamesOn" : "school.hideNamesOff"),
  ].join("\n");
}

function settingsKeyboard(t: TFunction, s: SchoolSettings): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("school.buttons.name"), "adm:s:in:0")
    .text(t("school.buttons.timezone"), "adm:s:in:1")
    .row()
    .text(t("school.buttons.week", { count: s.weekLength === 5 ? 6 : 5 }), `adm:s:wk:${s.weekLength === 5 ? 6 : 5}`)
    .text(t("school.buttons.hours"), "adm:s:in:2")
    .row()
    .text(t("school.buttons.digest"), "adm:s:in:3")
    .text(t("school.buttons.vacations"), "adm:v")
    .row()
    .text(t("school.buttons.deputy"), "adm:s:dp")
    .text(t(s.hideNamesInPush ? "school.buttons.showNames" : "school.buttons.hideNames"), `adm:s:hn:${s.hideNamesInPush ? 0 : 1}`);
}

/** The typed settings, by the index carried in "adm:s:in:<n>". */
export const TYPED_SETTINGS = ["name", "timezone", "hours", "digest"] as const;

export async function showSettings(ctx: BotContext, deps: BotDeps, edit: boolean): Promise<void> {
  const s = await getSchoolSettings(deps, ctx.actor);
  const deputy =
    s.upbringingDeputyId === null ? undefined : (await listPeople(deps, ctx.actor)).find((p) => p.memberId === s.upbringingDeputyId);
  await replyOrEdit(ctx, settingsText(ctx.t, s, deputy?.fullName), settingsKeyboard(ctx.t, s), edit);
}

export function adminFeature(deps: BotDeps) {
  const feature = new BotComposer<BotContext>();

  feature.command("admin", async (ctx) => {
    if (!can(ctx.actor, "administer")) return void (await ctx.reply(ctx.t(ctx.actor ? "common.notAllowed" : "start.stranger")));
    if (ctx.actor!.schoolId === undefined) return void (await ctx.reply(ctx.t("admin.needSchool")));
    const s = await getSchoolSettings(deps, ctx.actor);
    await ctx.reply(ctx.t("admin.title", { name: s.name }), { reply_markup: adminMenuKeyboard(ctx.t) });
  });

  onAdminPress(feature, /^adm:s$/, async (ctx) => {
    await showSettings(ctx, deps, true);
  });

  onAdminPress(feature, /^adm:s:in:(\d)$/, async (ctx, [index]) => {
    const item = TYPED_SETTINGS[index!];
    if (!item) return ctx.t("common.unknownButton");
    await getSchoolSettings(deps, ctx.actor);
    await ctx.conversation.enter(ADMIN_INPUT_CONVERSATION, item);
  });

  onAdminPress(feature, /^adm:s:wk:([56])$/, async (ctx, [week]) => {
    await updateSchoolSettings(deps, { actor: ctx.actor, change: { weekLength: week! } });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, /^adm:s:hn:([01])$/, async (ctx, [hide]) => {
    await updateSchoolSettings(deps, { actor: ctx.actor, change: { hideNamesInPush: hide === 1 } });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, /^adm:s:dp$/, async (ctx) => {
    const deputies = (await listPeople(deps, ctx.actor)).filter((p) => p.active && p.roles.includes("deputy"));
    if (deputies.length === 0) return ctx.t("school.noDeputies");
    const keyboard = new InlineKeyboard();
    for (const d of deputies) keyboard.text(`${d.upbringingDeputy ? "✅ " : ""}${d.fullName}`, `adm:s:dp:${d.memberId}`).row();
    await replyOrEdit(ctx, ctx.t("school.chooseDeputy"), keyboard, true);
  });

  onAdminPress(feature, /^adm:s:dp:(\d{1,9})$/, async (ctx, [memberId]) => {
    await setUpbringingDeputy(deps, { actor: ctx.actor, memberId: memberId! });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, /^adm:v$/, async (ctx) => {
    const s = await getSchoolSettings(deps, ctx.actor);
    const keyboard = new InlineKeyboard();
    for (const v of s.vacations)
      keyboard.text(`✖ ${formatRussianDate(v.fromDate)}–${formatRussianDate(v.toDate)}`, `adm:v:rm:${v.id}`).row();
    keyboard.text(ctx.t("school.buttons.addVacation"), "adm:v:add");
    await replyOrEdit(ctx, ctx.t("school.vacationsTitle"), keyboard, true);
  });

  onAdminPress(feature, /^adm:v:add$/, async (ctx) => {
    await getSchoolSettings(deps, ctx.actor);
    await ctx.conversation.enter(ADMIN_INPUT_CONVERSATION, "vacation");
  });

  onAdminPress(feature, /^adm:v:rm:(\d{1,9})$/, async (ctx, [id]) => {
    await removeVacation(deps, { actor: ctx.actor, vacationId: id! });
    await showSettings(ctx, deps, true);
    return ctx.t("school.vacationRemoved");
  });

  return feature;
}
