import { Composer } from "grammy";
import { getStudentFamily, removeParent } from "../../app/students/student-family.js";
import { onCallback } from "../callback.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { FAMILY_CHARACTERISTIC_CONVERSATION, FAMILY_PARENT_CONVERSATION, PARENT_INVITATION_CONVERSATION } from "../conversations/family.js";
import { recordParentAttendance } from "../../app/cases/parent-meetings.js";
import { FAMILY_DATA, familyKeyboard, familyText } from "../views/family-view.js";
import { replyOrEdit } from "../views/reply-or-edit.js";

/** «👪 Семья» on a case card: the student's parents and характеристика, in place of the card. */
export function familyFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  async function show(ctx: BotContext, caseId: number, toast?: string) {
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    const family = await getStudentFamily(deps, { actor: ctx.actor, caseId: String(caseId) });
    await ctx.answerCallbackQuery(toast ? { text: toast } : {});
    await replyOrEdit(ctx, familyText(ctx.t, family), familyKeyboard(ctx.t, family, caseId), true);
  }

  onCallback(feature, FAMILY_DATA.view, (ctx, { caseId }) => show(ctx, caseId));

  onCallback(feature, FAMILY_DATA.remove, async (ctx, { caseId, parentId }) => {
    if (!ctx.actor) return show(ctx, caseId);
    await removeParent(deps, { actor: ctx.actor, caseId: String(caseId), parentId });
    await show(ctx, caseId, ctx.t("family.removed"));
  });

  // The dialogues start only for someone allowed: the family read checks the case, the use case the edit.
  onCallback(feature, FAMILY_DATA.add, async (ctx, { caseId }) => {
    if (!(await mayEdit(ctx, caseId))) return;
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(FAMILY_PARENT_CONVERSATION, caseId);
  });

  onCallback(feature, FAMILY_DATA.characteristic, async (ctx, { caseId }) => {
    if (!(await mayEdit(ctx, caseId))) return;
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(FAMILY_CHARACTERISTIC_CONVERSATION, caseId);
  });

  onCallback(feature, FAMILY_DATA.invite, async (ctx, { caseId }) => {
    if (!(await mayEdit(ctx, caseId))) return;
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PARENT_INVITATION_CONVERSATION, caseId);
  });

  onCallback(feature, FAMILY_DATA.attendance, async (ctx, { action, caseId, meetingId }) => {
    if (!ctx.actor) return show(ctx, caseId);
    // An old button: say why nothing changes rather than fail.
    const family = await getStudentFamily(deps, { actor: ctx.actor, caseId: String(caseId) });
    const meeting = family.meetings.find((m) => m.id === meetingId);
    if (meeting?.attended !== undefined) return show(ctx, caseId, ctx.t("family.attendanceAlready"));
    if (meeting && meeting.meetingOn > family.today) return show(ctx, caseId, ctx.t("family.attendanceEarly"));
    await recordParentAttendance(deps, { actor: ctx.actor, caseId: String(caseId), meetingId, attended: action === "y" });
    await show(ctx, caseId, ctx.t("family.attendanceSaved"));
  });

  async function mayEdit(ctx: BotContext, caseId: number): Promise<boolean> {
    const family = ctx.actor ? await getStudentFamily(deps, { actor: ctx.actor, caseId: String(caseId) }) : undefined;
    if (family?.canEdit) return true;
    await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") });
    return false;
  }

  return feature;
}
