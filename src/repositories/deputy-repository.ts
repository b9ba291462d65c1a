import type { Db } from "../db/open-database.js";
import { rolesFromText, rolesTextSql } from "./member-roles.js";
import { placeholders, providerOfClient } from "./outbox-repository.js";
import { numberOrNull, truthy } from "./raw-values.js";
import { deputyInCharge, directorOf, type Role } from "../domain/people/roles.js";
import type { Tx } from "./case-repository.js";
import { readRaw } from "../db/raw-sql.js";

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

type Row = {
  memberId: unknown;
  userId: unknown;
  fullName: string;
  chatId: unknown;
  language: string | null;
  upbringingDeputy: unknown;
  learningDeputy: unknown;
  roles: string | null;
};

export function createDeputyRepository(db: Db | Tx) {
  /**
   * The school's active staff, oldest membership first. With `leadersAnd`, only its deputies and
   * directors and that member (what choosing a case's deputy needs; a school has a hundred staff).
   */
  async function staff(schoolId: number, options: { leadersAnd?: number | null } = {}): Promise<StaffContact[]> {
    // One statement (a card names its deputy on every press): members, their user and roles joined.
    const provider = providerOfClient(db as Db);
    const p = placeholders(provider);
    // Parameters in the order their placeholders appear in the text (SQLite's are positional).
    const school = p();
    const params: unknown[] = [schoolId];
    let leaders = "";
    if (options.leadersAnd !== undefined) {
      const member = options.leadersAnd !== null ? (params.push(options.leadersAnd), `m."id" = ${p()} OR `) : "";
      leaders = `AND (${member}m."upbringingDeputy" OR m."learningDeputy" OR EXISTS (SELECT 1 FROM "MemberRole" r WHERE r."memberId" = m."id" AND r."role" IN ('deputy', 'director')))`;
    }
    const sql =
      `SELECT m."id" AS "memberId", m."userId", u."fullName", u."chatId", u."language", m."upbringingDeputy", m."learningDeputy", ` +
      `${rolesTextSql(provider, `m."id"`)} AS "roles" FROM "Member" m JOIN "User" u ON u."id" = m."userId" ` +
      `WHERE m."schoolId" = ${school} AND m."active" = ${provider === "postgresql" ? "true" : "1"} ${leaders} ORDER BY m."id"`;
    const rows = await readRaw<Row[]>(db, sql, ...params);
    return rows.map((row) => ({
      memberId: Number(row.memberId),
      userId: Number(row.userId),
      fullName: row.fullName,
      chatId: numberOrNull(row.chatId),
      language: row.language,
      roles: rolesFromText(row.roles),
      upbringingDeputy: truthy(row.upbringingDeputy),
      learningDeputy: truthy(row.learningDeputy),
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
