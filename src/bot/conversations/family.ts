import { addParent, CHARACTERISTIC_MAX, getStudentFamily, saveCharacteristic } from "../../app/students/student-family.js";
import { normalizePhone, PARENT_RELATIONS, parentName, type ParentRelation } from "../../domain/people/parents.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { familyKeyboard, familyText } from "../views/family-view.js";
import { askChoice, askText, choicesOf, requireActor, run, say } from "./kit/index.js";

export const FAMILY_PARENT_CONVERSATION = "family-parent";
export const FAMILY_CHARACTERISTIC_CONVERSATION = "family-characteristic";

/** A message's most: the use case refuses more than CHARACTERISTIC_MAX, and says so before. */
const TELEGRAM_TEXT_MAX = 4096;

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

async function sayFamily(conversation: BotConversation, c: InnerContext, deps: BotDeps, caseId: number, note: string) {
  const family = await run(conversation, (outer) => getStudentFamily(deps, { actor: requireActor(outer), caseId: String(caseId) }));
  await say(c, note);
  await say(c, { text: familyText(c.t, family), keyboard: familyKeyboard(c.t, family, caseId) });
}
