import type { Db } from "../db/open-database.js";
import { addRoles, roleRows, rolesOf } from "./member-roles.js";
import type { Prisma } from "../generated/sqlite/client.js";
import { parseRoles, type Role } from "../domain/people/roles.js";
import type { Tx } from "./case-repository.js";

/*
 * Invitations and joining a school: the user, their membership and a new school. Writes take the
 * transaction of the use case.
 */

export interface InviteRecord {
  id: number;
  schoolId: number;
  schoolName: string;
  schoolTimezone: string;
  token: string;
  roles: Role[];
  classLabel: string | null;
  createdBy: number | null;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: number | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export interface NewInvite {
  schoolId: number;
  token: string;
  roles: readonly Role[];
  classLabel: string | null;
  createdBy: number | null;
  expiresAt: Date;
}

const inviteSelect = {
  id: true,
  schoolId: true,
  school: { select: { name: true, timezone: true } },
  token: true,
  roles: true,
  classLabel: true,
  createdBy: true,
  expiresAt: true,
  usedAt: true,
  usedBy: true,
  revokedAt: true,
  createdAt: true,
} satisfies Prisma.InviteSelect;

type InviteRow = Prisma.InviteGetPayload<{ select: typeof inviteSelect }>;

function toRecord({ school, roles, ...row }: InviteRow): InviteRecord {
  return { ...row, schoolName: school.name, schoolTimezone: school.timezone, roles: parseRoles(roles) };
}

export function createInviteRepository(db: Db) {
  return {
    async insert(tx: Tx, invite: NewInvite): Promise<InviteRecord> {
      const row = await tx.invite.create({
        data: { ...invite, roles: [...new Set(invite.roles)].join(",") },
        select: inviteSelect,
      });
      return toRecord(row);
    },

    async findByToken(token: string): Promise<InviteRecord | undefined> {
      const row = await db.invite.findUnique({ where: { token }, select: inviteSelect });
      return row ? toRecord(row) : undefined;
    },

    async findById(schoolId: number, id: number): Promise<InviteRecord | undefined> {
      const row = await db.invite.findFirst({ where: { id, schoolId }, select: inviteSelect });
      return row ? toRecord(row) : undefined;
    },

    /** Unused, unrevoked and unexpired invitations of a school, newest first. */
    async listOpen(schoolId: number, now: Date): Promise<InviteRecord[]> {
      const rows = await db.invite.findMany({
        where: { schoolId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        select: inviteSelect,
        orderBy: { id: "desc" },
      });
      return rows.map(toRecord);
    },

    /** Marks the invitation used by `userId` if it still may be used; false when someone was first. */
    async claim(tx: Tx, inviteId: number, userId: number, now: Date): Promise<boolean> {
      const { count } = await tx.invite.updateMany({
        where: { id: inviteId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now, usedBy: userId },
      });
      return count === 1;
    },

    /** Revokes an unused invitation; false when it was used or revoked already. */
    async revoke(tx: Tx, inviteId: number, now: Date): Promise<boolean> {
      const { count } = await tx.invite.updateMany({
        where: { id: inviteId, usedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      return count === 1;
    },

    async schoolName(schoolId: number): Promise<string | undefined> {
      const row = await db.school.findUnique({ where: { id: schoolId }, select: { name: true } });
      return row?.name;
    },

    async insertSchool(tx: Tx, school: { name: string; timezone: string; weekLength: number }): Promise<number> {
      const row = await tx.school.create({ data: school, select: { id: true } });
      return row.id;
    },

    /** Every school with its number of active members and classes (for the command line). */
    async listSchools(): Promise<{ id: number; name: string; timezone: string; weekLength: number; members: number; classes: number }[]> {
      const rows = await db.school.findMany({
        orderBy: { id: "asc" },
        select: {
          id: true,
          name: true,
          timezone: true,
          weekLength: true,
          _count: { select: { members: { where: { active: true } }, classes: true } },
        },
      });
      return rows.map(({ _count, ...row }) => ({ ...row, members: _count.members, classes: _count.classes }));
    },

    async userIdOf(telegramId: number): Promise<number | undefined> {
      const row = await db.user.findUnique({ where: { telegramId: BigInt(telegramId) }, select: { id: true } });
      return row?.id;
    },

    /** The user by Telegram id, created on first contact; their chat is reachable again. */
    async upsertUser(tx: Tx, user: { telegramId: number; chatId: number; fullName: string }): Promise<{ id: number; created: boolean }> {
      const existing = await tx.user.findUnique({ where: { telegramId: BigInt(user.telegramId) }, select: { id: true } });
      if (existing) {
        await tx.user.update({ where: { id: existing.id }, data: { chatId: BigInt(user.chatId), reachable: true } });
        return { id: existing.id, created: false };
      }
      const row = await tx.user.create({
        data: { telegramId: BigInt(user.telegramId), chatId: BigInt(user.chatId), fullName: user.fullName },
        select: { id: true },
      });
      return { id: row.id, created: true };
    },

    /** Adds the roles to the user's membership in the school (creating or reactivating it); the school becomes their active one. */
    async grantRoles(tx: Tx, schoolId: number, userId: number, roles: readonly Role[]): Promise<{ memberId: number; roles: Role[] }> {
      const existing = await tx.member.findUnique({ where: { schoolId_userId: { schoolId, userId } }, select: { id: true, roles: true } });
      const merged = rolesOf([...new Set([...(existing ? rolesOf(existing.roles) : []), ...roles])].map((role) => ({ role })));
      const row = existing
        ? await tx.member.update({ where: { id: existing.id }, data: { active: true }, select: { id: true } })
        : await tx.member.create({ data: { schoolId, userId, roles: roleRows(merged) }, select: { id: true } });
      if (existing) await addRoles(tx, schoolId, row.id, merged);
      await tx.user.update({ where: { id: userId }, data: { activeSchoolId: schoolId } });
      return { memberId: row.id, roles: merged };
    },
  };
}

export type InviteRepository = ReturnType<typeof createInviteRepository>;
