import type { Language } from "../i18n.js";
import type { Role } from "../domain/people/roles.js";

export { parseRoles, ROLES, type Role } from "../domain/people/roles.js";

/** Who is acting: resolved from the Telegram user on every update, never from callback data. */
export interface Actor {
  telegramId: number;
  userId?: number;
  fullName: string;
  language: Language;
  /** Set when the user has a membership in the school they are working in. */
  schoolId?: number;
  memberId?: number;
  roles: Role[];
  /** Listed in ADMIN_IDS: may create schools and administer any of them. */
  installationAdmin: boolean;
}
