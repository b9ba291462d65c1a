import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { ROLES, type Role } from "../../app/actor.js";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";

/** "inv:rv:<invite>": revoke an invitation link (the use case checks the school). */
export const REVOKE_INVITE_CALLBACK = defineCallback("inv", { action: oneOf("rv"), inviteId: int() });

/** "классный руководитель 7Б, администратор" */
export function describeRoles(t: TFunction, roles: readonly Role[], classLabel: string | null): string {
  return ROLES.filter((role) => roles.includes(role))
    .map((role) => (role === "teacher" && classLabel ? t("invite.roles.teacherOf", { classLabel }) : t(`invite.roles.${role}`)))
    .join(", ");
}

export function revokeKeyboard(t: TFunction, inviteId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("invite.revokeButton"), REVOKE_INVITE_CALLBACK.encode({ action: "rv", inviteId }));
}
