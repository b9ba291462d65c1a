import { Composer, InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { can } from "../../app/access-policy.js";
import {
  getSchoolSettings,
  removeVacation,
  setLearningDeputy,
  setUpbringingDeputy,
  updateSchoolSettings,
} from "../../app/admin/school-settings.js";
import { listPeople } from "../../app/admin/people.js";
import { formatRussianDate } from "../../domain/dates.js";
import type { SchoolSettings } from "../../app/admin/school-settings.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { ADMIN_INPUT_CONVERSATION } from "../conversations/admin-input.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { onAdminPress } from "./admin-press.js";
import { ADMIN_DATA, TYPED_SETTINGS } from "./admin-menu-data.js";

/*
 * /admin: the school administrator's menu. Settings here; people, classes and promotion in
 * admin-people.ts; exports, students and the calendar in admin-data.ts. Typed values go through
 * the admin-input dialogue.
 */

export function adminMenuKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("admin.menu.settings"), ADMIN_DATA.settings.encode({}))
    .text(t("admin.menu.people"), ADMIN_DATA.people.encode({}))
    .row()
    .text(t("admin.menu.classes"), ADMIN_DATA.classes.encode({}))
    .text(t("admin.menu.promote"), ADMIN_DATA.promotion.encode({}))
    .row()
    .text(t("admin.menu.calendar"), ADMIN_DATA.calendar.encode({}))
    .text(t("admin.menu.audit"), ADMIN_DATA.audit.encode({}))
    .row()
    .text(t("admin.menu.student"), ADMIN_DATA.students.encode({}));
}

export function settingsText(t: TFunction, s: SchoolSettings, deputyName: string | undefined, learningDeputyName?: string): string {
  const vacations = s.vacations.length
    ? s.vacations.map((v) => `${formatRussianDate(v.fromDate)}–${formatRussianDate(v.toDate)}`).join(", ")
    : t("school.noVacations");
  return [
    t("school.title", { name: s.name }),
    t("school.officialName", { value: s.officialName || t("school.notSet") }),
    t("school.address", { value: s.address || t("school.notSet") }),
    t("school.director", { value: s.directorName || t("school.notSet") }),
    t("school.timezone", { value: s.timezone }),
    t("school.week", { count: s.weekLength }),
    t("school.hours", { from: s.workStartHour, to: s.workEndHour }),
    t("school.digest", { hour: s.digestHour }),
    t("school.vacations", { list: vacations }),
    t("school.deputy", { name: deputyName ?? t("school.noDeputy") }),
    t("school.learningDeputy", { name: learningDeputyName ?? t("school.noLearningDeputy") }),
    t(s.escalateToDirector ? "school.directorStepOn" : "school.directorStepOff"),
    t(s.hideNamesInPush ? "school.hideNamesOn" : "school.hideNamesOff"),
    t(s.dashboardForTeachers ? "school.dashboardTeachersOn" : "school.dashboardTeachersOff"),
  ].join("\n");
}

function settingsKeyboard(t: TFunction, s: SchoolSettings): InlineKeyboard {
  const otherWeek = s.weekLength === 5 ? 6 : 5;
  return new InlineKeyboard()
    .text(t("school.buttons.name"), ADMIN_DATA.typedSetting.encode({ index: 0 }))
    .text(t("school.buttons.officialName"), ADMIN_DATA.typedSetting.encode({ index: 4 }))
    .row()
    .text(t("school.buttons.address"), ADMIN_DATA.typedSetting.encode({ index: 5 }))
    .text(t("school.buttons.director"), ADMIN_DATA.typedSetting.encode({ index: 6 }))
    .row()
    .text(t("school.buttons.timezone"), ADMIN_DATA.typedSetting.encode({ index: 1 }))
    .text(t("school.buttons.week", { count: otherWeek }), ADMIN_DATA.weekLength.encode({ days: `${otherWeek}` }))
    .text(t("school.buttons.hours"), ADMIN_DATA.typedSetting.encode({ index: 2 }))
    .row()
    .text(t("school.buttons.digest"), ADMIN_DATA.typedSetting.encode({ index: 3 }))
    .text(t("school.buttons.vacations"), ADMIN_DATA.vacations.encode({}))
    .text(t("school.buttons.attendance"), ADMIN_DATA.attendance.encode({}))
    .row()
    .text(t("school.buttons.deputy"), ADMIN_DATA.deputies.encode({}))
    .text(t("school.buttons.learningDeputy"), ADMIN_DATA.learningDeputies.encode({}))
    .row()
    .text(
      t(s.escalateToDirector ? "school.buttons.directorStepOff" : "school.buttons.directorStepOn"),
      ADMIN_DATA.directorStep.encode({ on: s.escalateToDirector ? 0 : 1 }),
    )
    .row()
    .text(
      t(s.hideNamesInPush ? "school.buttons.showNames" : "school.buttons.hideNames"),
      ADMIN_DATA.hideNames.encode({ hide: s.hideNamesInPush ? 0 : 1 }),
    )
    .row()
    .text(
      t(s.dashboardForTeachers ? "school.buttons.dashboardTeachersOff" : "school.buttons.dashboardTeachersOn"),
      ADMIN_DATA.dashboardTeachers.encode({ on: s.dashboardForTeachers ? 0 : 1 }),
    );
}

export async function showSettings(ctx: BotContext, deps: BotDeps, edit: boolean): Promise<void> {
  const s = await getSchoolSettings(deps, ctx.actor);
  const people = s.upbringingDeputyId === null && s.learningDeputyId === null ? [] : await listPeople(deps, ctx.actor);
  const deputy = people.find((p) => p.memberId === s.upbringingDeputyId);
  const learning = people.find((p) => p.memberId === s.learningDeputyId);
  await replyOrEdit(ctx, settingsText(ctx.t, s, deputy?.fullName, learning?.fullName), settingsKeyboard(ctx.t, s), edit);
}

export function adminFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("admin", async (ctx) => {
    if (!can(ctx.actor, "administer")) return void (await ctx.reply(ctx.t(ctx.actor ? "common.notAllowed" : "start.stranger")));
    if (ctx.actor!.schoolId === undefined) return void (await ctx.reply(ctx.t("admin.needSchool")));
    const s = await getSchoolSettings(deps, ctx.actor);
    await ctx.reply(ctx.t("admin.title", { name: s.name }), { reply_markup: adminMenuKeyboard(ctx.t) });
  });

  onAdminPress(feature, ADMIN_DATA.settings, async (ctx) => {
    await showSettings(ctx, deps, true);
  });

  onAdminPress(feature, ADMIN_DATA.typedSetting, async (ctx, { index }) => {
    await getSchoolSettings(deps, ctx.actor);
    await ctx.conversation.enter(ADMIN_INPUT_CONVERSATION, TYPED_SETTINGS[index]!);
  });

  onAdminPress(feature, ADMIN_DATA.weekLength, async (ctx, { days }) => {
    await updateSchoolSettings(deps, { actor: ctx.actor, change: { weekLength: Number(days) } });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, ADMIN_DATA.hideNames, async (ctx, { hide }) => {
    await updateSchoolSettings(deps, { actor: ctx.actor, change: { hideNamesInPush: hide === 1 } });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, ADMIN_DATA.deputies, async (ctx) => {
    const deputies = (await listPeople(deps, ctx.actor)).filter((p) => p.active && p.roles.includes("deputy"));
    if (deputies.length === 0) return ctx.t("school.noDeputies");
    const keyboard = new InlineKeyboard();
    for (const d of deputies)
      keyboard.text(`${d.upbringingDeputy ? "✅ " : ""}${d.fullName}`, ADMIN_DATA.deputy.encode({ memberId: d.memberId })).row();
    await replyOrEdit(ctx, ctx.t("school.chooseDeputy"), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.deputy, async (ctx, { memberId }) => {
    await setUpbringingDeputy(deps, { actor: ctx.actor, memberId });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, ADMIN_DATA.learningDeputies, async (ctx) => {
    const deputies = (await listPeople(deps, ctx.actor)).filter((p) => p.active && p.roles.includes("deputy"));
    if (deputies.length === 0) return ctx.t("school.noDeputies");
    const keyboard = new InlineKeyboard();
    for (const d of deputies)
      keyboard.text(`${d.learningDeputy ? "✅ " : ""}${d.fullName}`, ADMIN_DATA.learningDeputy.encode({ memberId: d.memberId })).row();
    await replyOrEdit(ctx, ctx.t("school.chooseLearningDeputy"), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.learningDeputy, async (ctx, { memberId }) => {
    await setLearningDeputy(deps, { actor: ctx.actor, memberId });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, ADMIN_DATA.directorStep, async (ctx, { on }) => {
    await updateSchoolSettings(deps, { actor: ctx.actor, change: { escalateToDirector: on === 1 } });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, ADMIN_DATA.dashboardTeachers, async (ctx, { on }) => {
    await updateSchoolSettings(deps, { actor: ctx.actor, change: { dashboardForTeachers: on === 1 } });
    await showSettings(ctx, deps, true);
    return ctx.t("school.saved");
  });

  onAdminPress(feature, ADMIN_DATA.vacations, async (ctx) => {
    const s = await getSchoolSettings(deps, ctx.actor);
    const keyboard = new InlineKeyboard();
    for (const v of s.vacations)
      keyboard
        .text(`✖ ${formatRussianDate(v.fromDate)}–${formatRussianDate(v.toDate)}`, ADMIN_DATA.removeVacation.encode({ vacationId: v.id }))
        .row();
    keyboard.text(ctx.t("school.buttons.addVacation"), ADMIN_DATA.addVacation.encode({}));
    await replyOrEdit(ctx, ctx.t("school.vacationsTitle"), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.addVacation, async (ctx) => {
    await getSchoolSettings(deps, ctx.actor);
    await ctx.conversation.enter(ADMIN_INPUT_CONVERSATION, "vacation");
  });

  onAdminPress(feature, ADMIN_DATA.removeVacation, async (ctx, { vacationId }) => {
    await removeVacation(deps, { actor: ctx.actor, vacationId });
    await showSettings(ctx, deps, true);
    return ctx.t("school.vacationRemoved");
  });

  return feature;
}
