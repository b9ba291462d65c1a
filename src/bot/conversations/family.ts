import { addParent, CHARACTERISTIC_MAX, getStudentFamily, saveCharacteristic } from "../../app/students/student-family.js";
import { inviteParent } from "../../app/cases/parent-meetings.js";
import { INVITATION_WAYS, meetingDateProblem } from "../../domain/people/parent-meetings.js";
import { normalizePhone, PARENT_RELATIONS, parentName, type ParentRelation } from "../../domain/people/parents.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { familyKeyboard, familyText } from "../views/family-view.js";
import { fullDate, truncate } from "../views/format.js";
import { askChoice, askDate, askText, choicesOf, requireActor, run, say } from "./kit/index.js";

export const FAMILY_PARENT_CONVERSATION = "family-parent";
export const FAMILY_CHARACTERISTIC_CONVERSATION = "family-characteristic";
export const PARENT_INVITATION_CONVERSATION = "parent-invitation";

/** A message's most: the use case refuses more than CHARACTERISTIC_MAX, and says so before. */
const TELEGRAM_TEXT_MAX = 4096;
/** Parents offered as buttons for an invitation; a family has fewer. */
const PARENTS_OFFERED = 8;

/** «➕ Добавить родителя»: who (buttons), the name, the phone or «Без телефона»; then the family again. */
export function familyParentConversation(deps: BotDeps) {
  return async function familyParent(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const relation = await askChoice(conversation, ctx, {
      prompt: ctx.t("family.askRelation"),
      choices: choicesOf(
        DIALOGUE_CALLBACK,
        PARENT_RELATIONS.map((r, index) => ({ label: ctx.t(`family.relations.${r}`), data: { action: "a" as const, index }, value: r })),
      ),
      dropButtons: true,
    });
    if (!relation) return;
    const name = await askText(conversation, relation.ctx, {
      prompt: relation.ctx.t("family.askName"),
      max: 150,
      check: (text, c) => (parentName(text) ? undefined : c.t("family.badName")),
    });
    if (!name) return;
    const phone = await askText(conversation, name.ctx, {
      prompt: name.ctx.t("family.askPhone"),
      max: 40,
      or: choicesOf(DIALOGUE_CALLBACK, [
        { label: name.ctx.t("family.buttons.noPhone"), data: { action: "nodue" as const }, value: "none" },
      ]),
      check: (text, c) => (normalizePhone(text) ? undefined : c.t("family.badPhone")),
    });
    if (!phone) return;
    const c = phone.ctx;
    const typedPhone = "value" in phone ? phone.value : undefined;
    const { added } = await run(conversation, (outer) =>
      addParent(deps, {
        actor: requireActor(outer),
        caseId: String(caseId),
        relation: relation.value as ParentRelation,
        fullName: name.value,
        ...(typedPhone ? { phone: typedPhone } : {}),
      }),
    );
    const note = added
      ? c.t("family.added", { relation: c.t(`family.relations.${relation.value}`), name: parentName(name.value) })
      : c.t("family.alreadyThere");
    await sayFamily(conversation, c, deps, caseId, note);
  };
}

/** «📝 Характеристика»: one message, kept whole for the case file; then the family again. */
export function familyCharacteristicConversation(deps: BotDeps) {
  return async function familyCharacteristic(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const typed = await askText(conversation, ctx, {
      prompt: ctx.t("family.askCharacteristic"),
      max: Math.min(CHARACTERISTIC_MAX, TELEGRAM_TEXT_MAX),
    });
    if (!typed) return;
    await run(conversation, (outer) => saveCharacteristic(deps, { actor: requireActor(outer), caseId: String(caseId), text: typed.value }));
    await sayFamily(conversation, typed.ctx, deps, caseId, typed.ctx.t("family.characteristicSaved"));
  };
}

/** «📨 Пригласить на встречу»: which parent, how (buttons), the meeting's day; then the family again. */
export function parentInvitationConversation(deps: BotDeps) {
  return async function parentInvitation(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const family = await run(conversation, (outer) => getStudentFamily(deps, { actor: requireActor(outer), caseId: String(caseId) }));
    if (!family.caseOpen) return say(ctx, ctx.t("family.caseClosed"));
    if (family.parents.length === 0) return say(ctx, ctx.t("family.noParentsToInvite"));
    const parent = await askChoice(conversation, ctx, {
      prompt: ctx.t("family.askInviteWho"),
      choices: choicesOf(
        DIALOGUE_CALLBACK,
        family.parents.slice(0, PARENTS_OFFERED).map((p, index) => ({
          label: truncate(`${ctx.t(`family.relations.${p.relation}`)}: ${p.fullName}`, 60),
          data: { action: "a" as const, index },
          value: p.id,
        })),
      ),
      dropButtons: true,
    });
    if (!parent) return;
    const way = await askChoice(conversation, parent.ctx, {
      prompt: parent.ctx.t("family.askInviteHow"),
      choices: choicesOf(
        DIALOGUE_CALLBACK,
        INVITATION_WAYS.map((w, index) => ({ label: parent.ctx.t(`family.ways.${w}`), data: { action: "a" as const, index }, value: w })),
      ),
      dropButtons: true,
    });
    if (!way) return;
    const day = await askDate(conversation, way.ctx, {
      prompt: way.ctx.t("family.askMeetingOn"),
      today: family.today,
      read: "coming",
      check: (date, c) => {
        const problem = meetingDateProblem(date, family.today);
        return problem === "tooFar" ? c.t("family.meetingTooFar") : problem === "tooLongAgo" ? c.t("family.meetingTooLongAgo") : undefined;
      },
    });
    if (!day) return;
    await run(conversation, (outer) =>
      inviteParent(deps, {
        actor: requireActor(outer),
        caseId: String(caseId),
        parentId: parent.value,
        via: way.value,
        meetingOn: day.value,
      }),
    );
    await sayFamily(conversation, day.ctx, deps, caseId, day.ctx.t("family.invitedSaved", { date: fullDate(day.value) }));
  };
}

async function sayFamily(conversation: BotConversation, c: InnerContext, deps: BotDeps, caseId: number, note: string) {
  const family = await run(conversation, (outer) => getStudentFamily(deps, { actor: requireActor(outer), caseId: String(caseId) }));
  await say(c, note);
  await say(c, { text: familyText(c.t, family), keyboard: familyKeyboard(c.t, family, caseId) });
}
