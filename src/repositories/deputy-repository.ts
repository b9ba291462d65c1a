import type { Db } from "../db/open-database.js";
import { rolesOf } from "./member-roles.js";
import { deputyInCharge, directorOf, type Role } from "../domain/people/roles.js";
import type { Tx } from "./case-repository.js";

/** A staff member who can be written to through the bot. */
export interface DeputyContact {
  memberId: number;
  userId: number;
  fullName: string;
  /** null when the person has never opened the bot: nothing can be delivered. */
  chatId: number | null;
  language: string | null;
}

export interface StaffContact extends DeputyContact {
  roles: Role[];
  upbringingDeputy: boolean;
  learningDeputy: boolean;
}

export function createDeputyRepository(db: Db | Tx) {
  /**
   * The school's active staff, oldest membership first. With `leadersAnd`, only its deputies and
   * directors and that member (what choosing a case's deputy needs; a school has a hundred staff).
   */
  async function staff(schoolId: number, options: { leadersAnd?: number | null } = {}): Promise<StaffContact[]> {
    const leaders =
      options.leadersAnd === undefined
        ? {}
        : {
            OR: [
              ...(options.leadersAnd !== null ? [{ id: options.leadersAnd }] : []),
              { upbringingDeputy: true },
              { learningDeputy: true },
              { roles: { some: { role: { in: ["deputy", "director"] as Role[] } } } },
            ],
          };
    const rows = await db.member.findMany({
      where: { schoolId, active: true, ...leaders },
      select: {
        id: true,
        userId: true,
        roles: true,
        upbringingDeputy: true,
        learningDeputy: true,
        user: { select: { fullName: true, chatId: true, language: true } },
      },
      orderBy: { id: "asc" },
    });
    return rows.map((row) => ({
      memberId: row.id,
      userId: row.userId,
      fullName: row.user.fullName,
      chatId: row.user.chatId !== null ? Number(row.user.chatId) : null,
      language: row.user.language,
      roles: rolesOf(row.roles),
      upbringingDeputy: row.upbringingDeputy,
      learningDeputy: row.learningDeputy,
    }));
  }

  return {
    staff,

    /** The school's deputy for upbringing, or else its first active deputy; undefined when it has none. */
    async upbringingDeputy(schoolId: number): Promise<DeputyContact | undefined> {
      return deputyInCharge(await staff(schoolId));
    },

    async director(schoolId: number): Promise<DeputyContact | undefined> {
      return directorOf(await staff(schoolId));
    },
  };
}
