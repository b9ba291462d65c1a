import { Composer, InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { changeRoles, deactivateMember, listPeople } from "../../app/admin/people.js";
import { handOverClass } from "../../app/admin/hand-over-class.js";
import { previewPromotion, promoteClasses, type PromotionPlan } from "../../app/admin/promote-classes.js";
import { ROLES } from "../../app/actor.js";
import { reassignCase } from "../../app/cases/reassign-case.js";
import { listReassignTargets } from "../../app/cases/list-reassign-targets.js";
import { listClassTeachers, listHandOverCandidates } from "../../app/admin/list-class-teachers.js";
import type { PersonRow } from "../../app/admin/people.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { onAdminPress } from "./admin-press.js";
import { ADMIN_DATA } from "./admin-menu-data.js";
import { REASSIGN_CASE_CALLBACK } from "../../app/admin/reassign-data.js";

function personLine(t: TFunction, p: PersonRow): string {
  const roles = p.roles.map((r) => t(`people.roles.${r}`)).join(", ");
  const classes = p.classes.length ? ` · ${p.classes.join(", ")}` : "";
  const deputy = p.upbringingDeputy ? ` · ${t("people.upbringing")}` : "";
  return `${p.active ? "" : "🚫 "}${p.fullName || "—"} — ${roles}${classes}${deputy}`;
}

/** People by role (a person with several roles is listed under the first), inactive last. */
export function peopleText(t: TFunction, people: readonly PersonRow[]): string {
  const lines = [t("people.title")];
  for (const role of ROLES) {
    const group = people.filter((p) => p.active && p.roles[0] === role);
    if (group.length === 0) continue;
    lines.push("", t(`people.group.${role}`), ...group.map((p) => `• ${personLine(t, p)}`));
  }
  const inactive = people.filter((p) => !p.active);
  if (inactive.length) lines.push("", t("people.group.inactive"), ...inactive.map((p) => `• ${personLine(t, p)}`));
  return lines.join("\n");
}

function personKeyboard(t: TFunction, p: PersonRow): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const [i, role] of ROLES.entries())
    keyboard
      .text(
        `${p.roles.includes(role) ? "☑" : "☐"} ${t(`people.roles.${role}`)}`,
        ADMIN_DATA.toggleRole.encode({ memberId: p.memberId, roleIndex: i }),
      )
      .row();
  if (p.active) keyboard.text(t("people.buttons.deactivate"), ADMIN_DATA.deactivate.encode({ memberId: p.memberId })).row();
  return keyboard.text(t("admin.back"), ADMIN_DATA.people.encode({}));
}

async function person(deps: BotDeps, ctx: BotContext, memberId: number): Promise<PersonRow | undefined> {
  return (await listPeople(deps, ctx.actor)).find((p) => p.memberId === memberId);
}

function promotionText(t: TFunction, plan: PromotionPlan): string {
  const lines = [t("people.promotion.title")];
  if (plan.renames.length) lines.push(t("people.promotion.renames", { list: plan.renames.map((r) => `${r.from} → ${r.to}`).join(", ") }));
  if (plan.graduating.length) lines.push(t("people.promotion.graduating", { list: plan.graduating.join(", ") }));
  if (plan.skipped.length) lines.push(t("people.promotion.skipped", { list: plan.skipped.join(", ") }));
  if (plan.conflicts.length)
    lines.push(t("people.promotion.conflicts", { list: plan.conflicts.map((c) => `${c.from} → ${c.to}`).join(", ") }));
  return lines.join("\n");
}

export function adminPeopleFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onAdminPress(feature, ADMIN_DATA.people, async (ctx) => {
    const people = await listPeople(deps, ctx.actor);
    const keyboard = new InlineKeyboard();
    for (const p of people)
      keyboard.text(`${p.active ? "" : "🚫 "}${p.fullName || "—"}`, ADMIN_DATA.person.encode({ memberId: p.memberId })).row();
    await replyOrEdit(ctx, peopleText(ctx.t, people), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.person, async (ctx, { memberId }) => {
    const p = await person(deps, ctx, memberId);
    if (!p) return ctx.t("common.unknownButton");
    await replyOrEdit(ctx, personLine(ctx.t, p), personKeyboard(ctx.t, p), true);
  });

  onAdminPress(feature, ADMIN_DATA.toggleRole, async (ctx, { memberId, roleIndex }) => {
    const role = ROLES[roleIndex]!;
    const p = await person(deps, ctx, memberId);
    if (!p) return ctx.t("common.unknownButton");
    const roles = p.roles.includes(role) ? p.roles.filter((r) => r !== role) : [...p.roles, role];
    await changeRoles(deps, { actor: ctx.actor, memberId: p.memberId, roles });
    const after = (await person(deps, ctx, p.memberId))!;
    await replyOrEdit(ctx, personLine(ctx.t, after), personKeyboard(ctx.t, after), true);
    return ctx.t("people.rolesSaved");
  });

  onAdminPress(feature, ADMIN_DATA.deactivate, async (ctx, { memberId }) => {
    const p = await person(deps, ctx, memberId);
    if (!p || !p.active) return ctx.t("common.unknownButton");
    const keyboard = new InlineKeyboard()
      .text(ctx.t("people.buttons.confirmDeactivate"), ADMIN_DATA.confirmDeactivate.encode({ memberId: p.memberId }))
      .text(ctx.t("admin.back"), ADMIN_DATA.person.encode({ memberId: p.memberId }));
    await replyOrEdit(ctx, ctx.t("people.confirmDeactivate", { name: p.fullName }), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.confirmDeactivate, async (ctx, { memberId }) => {
    const p = await person(deps, ctx, memberId);
    if (!p) return ctx.t("common.unknownButton");
    const result = await deactivateMember(deps, { actor: ctx.actor, memberId: p.memberId });
    const key =
      result.openCaseIds.length === 0
        ? "people.deactivated"
        : result.deputyTold
          ? "people.deactivatedDeputyTold"
          : "people.deactivatedNoDeputy";
    await replyOrEdit(ctx, ctx.t(key, { name: p.fullName, count: result.openCaseIds.length }), undefined, true);
  });

  // The deputy's buttons: pick the new teacher of a case, then reassignCase checks everything again.
  onAdminPress(feature, REASSIGN_CASE_CALLBACK, async (ctx, { caseId }) => {
    if (!ctx.actor) return ctx.t("common.notAllowed");
    const { teachers } = await listReassignTargets(deps, { actor: ctx.actor, caseId: String(caseId) });
    const keyboard = new InlineKeyboard();
    for (const t of teachers) keyboard.text(t.fullName, ADMIN_DATA.reassignTo.encode({ caseId, memberId: t.memberId })).row();
    await replyOrEdit(ctx, ctx.t("people.chooseTeacher", { id: caseId }), keyboard, false);
  });

  onAdminPress(feature, ADMIN_DATA.reassignTo, async (ctx, { caseId, memberId }) => {
    const { teacherName } = await reassignCase(deps, { actor: ctx.actor!, caseId: String(caseId), teacherMemberId: memberId });
    await replyOrEdit(ctx, ctx.t("people.reassigned", { id: caseId, name: teacherName }), undefined, true);
  });

  onAdminPress(feature, ADMIN_DATA.classes, async (ctx) => {
    const classes = await listClassTeachers(deps, ctx.actor);
    const keyboard = new InlineKeyboard();
    for (const c of classes)
      keyboard.text(`${c.label} — ${c.teacherName ?? ctx.t("people.noTeacher")}`, ADMIN_DATA.schoolClass.encode({ classId: c.id })).row();
    await replyOrEdit(ctx, ctx.t(classes.length ? "people.classesTitle" : "people.noClasses"), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.schoolClass, async (ctx, { classId }) => {
    const { schoolClass, teachers } = await listHandOverCandidates(deps, { actor: ctx.actor, classId });
    const keyboard = new InlineKeyboard();
    for (const t of teachers) keyboard.text(t.fullName, ADMIN_DATA.handOverTo.encode({ classId, memberId: t.memberId })).row();
    await replyOrEdit(
      ctx,
      ctx.t(teachers.length ? "people.chooseClassTeacher" : "people.noTeachers", { label: schoolClass.label }),
      keyboard,
      true,
    );
  });

  onAdminPress(feature, ADMIN_DATA.handOverTo, async (ctx, { classId, memberId }) => {
    const result = await handOverClass(deps, { actor: ctx.actor, classId, teacherMemberId: memberId });
    await replyOrEdit(
      ctx,
      ctx.t("people.handedOver", { label: result.classLabel, name: result.teacherName, count: result.movedCaseIds.length }),
      undefined,
      true,
    );
  });

  onAdminPress(feature, ADMIN_DATA.promotion, async (ctx) => {
    const plan = await previewPromotion(deps, ctx.actor);
    const keyboard = new InlineKeyboard();
    if (plan.conflicts.length === 0 && plan.renames.length > 0)
      keyboard.text(ctx.t("people.promotion.apply"), ADMIN_DATA.applyPromotion.encode({}));
    await replyOrEdit(ctx, promotionText(ctx.t, plan), keyboard, true);
  });

  onAdminPress(feature, ADMIN_DATA.applyPromotion, async (ctx) => {
    const plan = await promoteClasses(deps, ctx.actor);
    await replyOrEdit(ctx, ctx.t("people.promotion.done", { count: plan.renames.length }), undefined, true);
  });

  return feature;
}
