import type { Language } from "../i18n.js";

export const ROLES = ["teacher", "deputy", "specialist", "director", "admin"] as const;
export type Role = (typeof ROLES)[number];

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

export function parseRoles(text: string): Role[] {
  return text
    .split(",")
    .map((r) => r.trim())
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}
