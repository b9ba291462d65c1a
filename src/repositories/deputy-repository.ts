import type { Db } from "../db/open-database.js";
import { parseRoles } from "../app/actor.js";

/** A deputy who can be written to through the bot. */
export interface DeputyContact {
  memberId: number;
  fullName: string;
  /** null when the person has never opened the bot: nothing can be delivered. */
  chatId: number | null;
  language: string | null;
}

export function createDeputyRepository(db: Db) {
  return {
    /** The school's deputy for upbringing, or else its first active deputy; undefined when it has none. */
    async upbringingDeputy(schoolId: number): Promise<DeputyContact | undefined> {
      const rows = await db.member.findMany({
        where: { schoolId, active: true },
        select: { id: true, roles: true, upbringingDeputy: true, user: { select: { fullName: true, chatId: true, language: true } } },
        orderBy: { id: "asc" },
      });
      // The flag names the person with those powers even when they hold another role.
      const row = rows.find((r) => r.upbringingDeputy) ?? rows.find((r) => parseRoles(r.roles).includes("deputy"));
      if (!row) return undefined;
      return {
        memberId: row.id,
        fullName: row.user.fullName,
        chatId: row.user.chatId !== null ? Number(row.user.chatId) : null,
        language: row.user.language,
      };
    },
  };
}
