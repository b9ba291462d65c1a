import type { Db } from "../db/open-database.js";
import type { Tx } from "./case-repository.js";
import { placeholders, providerOfClient } from "./outbox-repository.js";
import { readRaw } from "../db/raw-sql.js";

/*
 * The dashboard's sign-ins (decision 021): sessions and one-time links, found by the SHA-256 of
 * their token (the token itself is only in the cookie or the link).
 */

export interface WebSessionRow {
  id: number;
  schoolId: number;
  memberId: number;
  /** The member's Telegram id, to resolve the actor as the bot does. */
  telegramId: number;
  csrf: string;
  expiresAt: Date;
}

export function createWebSessionRepository(db: Db) {
  const p = placeholders(providerOfClient(db));
  // Raw: every dashboard request reads its session (with the member's Telegram id) in one statement.
  const findSql =
    `SELECT w."id", w."schoolId", w."memberId", w."csrf", w."expiresAt", u."telegramId" FROM "WebSession" w ` +
    `JOIN "Member" m ON m."id" = w."memberId" JOIN "User" u ON u."id" = m."userId" WHERE w."tokenHash" = ${p()}`;
  return {
    async createSession(
      row: { tokenHash: string; schoolId: number; memberId: number; csrf: string; createdAt: Date; expiresAt: Date },
      tx: Tx | Db = db,
    ) {
      await tx.webSession.create({ data: row });
    },

    async findSession(tokenHash: string): Promise<WebSessionRow | undefined> {
      const [row] = await readRaw<
        { id: unknown; schoolId: unknown; memberId: unknown; csrf: string; expiresAt: Date | string; telegramId: unknown }[]
      >(db, findSql, tokenHash);
      return row
        ? {
            id: Number(row.id),
            schoolId: Number(row.schoolId),
            memberId: Number(row.memberId),
            csrf: row.csrf,
            expiresAt: new Date(row.expiresAt),
            telegramId: Number(row.telegramId),
          }
        : undefined;
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.webSession.deleteMany({ where: { tokenHash } });
    },

    /** Sessions and links past their time go (the retention job calls it). */
    async deleteExpired(now: Date): Promise<number> {
      const sessions = await db.webSession.deleteMany({ where: { expiresAt: { lt: now } } });
      const links = await db.webLoginLink.deleteMany({ where: { expiresAt: { lt: now } } });
      return sessions.count + links.count;
    },

    async createLink(row: { tokenHash: string; schoolId: number; memberId: number; expiresAt: Date }) {
      await db.webLoginLink.create({ data: row });
    },

    /** Uses a link once: its member and school while it is fresh and unused, and marks it used in the same statement. */
    async useLink(tokenHash: string, now: Date): Promise<{ schoolId: number; memberId: number } | undefined> {
      const used = await db.webLoginLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (used.count !== 1) return undefined;
      const row = await db.webLoginLink.findUnique({ where: { tokenHash }, select: { schoolId: true, memberId: true } });
      return row ?? undefined;
    },

    async telegramIdOf(memberId: number): Promise<number | undefined> {
      const row = await db.member.findUnique({ where: { id: memberId }, select: { user: { select: { telegramId: true } } } });
      return row ? Number(row.user.telegramId) : undefined;
    },

    /**
     * People whose chat should have the dashboard's Mini App at `url` as its menu button and does
     * not yet: deputies and directors, and class teachers of schools that turned it on.
     */
    async menuButtonsDue(
      url: string,
      limit: number,
      userId?: number,
    ): Promise<{ userId: number; chatId: number; language: string | null }[]> {
      const rows = await db.user.findMany({
        where: {
          ...(userId !== undefined ? { id: userId } : {}),
          reachable: true,
          chatId: { not: null },
          OR: [{ menuButtonUrl: null }, { menuButtonUrl: { not: url } }],
          memberships: {
            some: {
              active: true,
              OR: [
                { roles: { some: { role: { in: ["deputy", "director"] } } } },
                { roles: { some: { role: "teacher" } }, school: { dashboardForTeachers: true } },
              ],
            },
          },
        },
        select: { id: true, chatId: true, language: true },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map((r) => ({ userId: r.id, chatId: Number(r.chatId), language: r.language }));
    },

    async recordMenuButton(userId: number, url: string): Promise<void> {
      await db.user.update({ where: { id: userId }, data: { menuButtonUrl: url } });
    },

    /** The active member of a school with this Telegram id (the Mini App's user). */
    async memberByTelegramId(telegramId: number, schoolId?: number): Promise<{ memberId: number; schoolId: number } | undefined> {
      const user = await db.user.findUnique({
        where: { telegramId },
        select: {
          activeSchoolId: true,
          memberships: { where: { active: true }, select: { id: true, schoolId: true }, orderBy: { id: "asc" } },
        },
      });
      if (!user) return undefined;
      const wanted = schoolId ?? user.activeSchoolId;
      const member = user.memberships.find((m) => m.schoolId === wanted) ?? user.memberships[0];
      return member ? { memberId: member.id, schoolId: member.schoolId } : undefined;
    },
  };
}
