import type { Db } from "../db/open-database.js";
import { rolesOf } from "./member-roles.js";
import type { Tx } from "./case-repository.js";
import type { Role } from "../domain/people/roles.js";

/** An emergency alert as the use cases see it. */
export interface SosAlertRecord {
  id: number;
  schoolId: number;
  teacherMemberId: number;
  studentId: number | null;
  kind: string;
  text: string;
  createdAt: Date;
  rounds: number;
  lastSentAt: Date | null;
  acknowledgedAt: Date | null;
  /** The acknowledging member's id. */
  acknowledgedBy: number | null;
}

/** A staff member an alert may go to. */
export interface SosStaff {
  memberId: number;
  userId: number;
  fullName: string;
  roles: Role[];
  upbringingDeputy: boolean;
  reachable: boolean;
}

export function createSosRepository(db: Db) {
  return {
    async create(
      tx: Tx,
      data: { schoolId: number; teacherMemberId: number; studentId: number | null; kind: string; text: string; at: Date },
    ): Promise<number> {
      const row = await tx.sosAlert.create({
        data: {
          ...(data.studentId !== null ? { studentId: data.studentId } : {}),
          schoolId: data.schoolId,
          teacherMemberId: data.teacherMemberId,
          kind: data.kind,
          text: data.text,
          createdAt: data.at,
        },
      });
      return row.id;
    },

    async find(id: number): Promise<SosAlertRecord | undefined> {
      return (await db.sosAlert.findUnique({ where: { id } })) ?? undefined;
    },

    /** Alerts nobody has taken yet, raised after `since`, oldest first. */
    async unacknowledged(since: Date, limit = 500): Promise<SosAlertRecord[]> {
      return db.sosAlert.findMany({ where: { acknowledgedAt: null, createdAt: { gte: since } }, orderBy: { id: "asc" }, take: limit });
    },

    /** A school's alerts nobody has taken yet, raised after `since` (the dashboard's overview). */
    async unacknowledgedOf(schoolId: number, since: Date): Promise<SosAlertRecord[]> {
      return db.sosAlert.findMany({
        where: { schoolId, acknowledgedAt: null, createdAt: { gte: since } },
        orderBy: { id: "asc" },
        take: 20,
      });
    },

    /** Moves the alert from round `from` to `from + 1`; false when another run already did. */
    async advanceRound(id: number, from: number, at: Date): Promise<boolean> {
      const { count } = await db.sosAlert.updateMany({
        where: { id, rounds: from, acknowledgedAt: null },
        data: { rounds: from + 1, lastSentAt: at },
      });
      return count === 1;
    },

    /** The first acknowledgement wins: false when someone took the alert already. */
    async acknowledge(tx: Tx, id: number, memberId: number, at: Date): Promise<boolean> {
      const { count } = await tx.sosAlert.updateMany({
        where: { id, acknowledgedAt: null },
        data: { acknowledgedAt: at, acknowledgedBy: memberId },
      });
      return count === 1;
    },

    /** Active members of the school with their roles (to pick the alert's recipients). */
    async staff(schoolId: number): Promise<SosStaff[]> {
      const rows = await db.member.findMany({
        where: { schoolId, active: true },
        select: { id: true, userId: true, roles: true, upbringingDeputy: true, user: { select: { fullName: true, reachable: true } } },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => ({
        memberId: r.id,
        userId: r.userId,
        fullName: r.user.fullName,
        roles: rolesOf(r.roles),
        upbringingDeputy: r.upbringingDeputy,
        reachable: r.user.reachable,
      }));
    },

    /** A member of the school with the person's name and phone. */
    async person(
      schoolId: number,
      memberId: number,
    ): Promise<{ memberId: number; userId: number; fullName: string; phone: string | null } | undefined> {
      const row = await db.member.findFirst({
        where: { id: memberId, schoolId },
        select: { id: true, userId: true, user: { select: { fullName: true, phone: true } } },
      });
      return row ? { memberId: row.id, userId: row.userId, fullName: row.user.fullName, phone: row.user.phone } : undefined;
    },
  };
}

export type SosRepository = ReturnType<typeof createSosRepository>;
