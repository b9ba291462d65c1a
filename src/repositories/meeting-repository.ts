import type { Db } from "../db/open-database.js";
import { rolesOf } from "./member-roles.js";
import type { Role } from "../domain/people/roles.js";
import type { Tx } from "./case-repository.js";

/** Meetings (II.3 with the parents, III.2 working groups) and their invitees' answers. */

export type MeetingKind = "parents" | "workingGroup";
export type InviteeStatus = "invited" | "confirmed" | "declined";

export interface Participant {
  memberId: number;
  userId: number;
  fullName: string;
  chatId: number | null;
  language: string | null;
}

export interface InviteeRecord extends Participant {
  status: InviteeStatus;
}

export interface MeetingRecord {
  id: number;
  schoolId: number;
  kind: MeetingKind;
  caseId?: number;
  classId?: number;
  title: string;
  startsAt: Date;
  organizer: Participant;
  invitees: InviteeRecord[];
}

export interface NewMeeting {
  schoolId: number;
  kind: MeetingKind;
  caseId?: number;
  classId?: number;
  title: string;
  startsAt: Date;
  organizerMemberId: number;
  inviteeMemberIds: readonly number[];
}

const personSelect = { id: true, userId: true, roles: true, user: { select: { fullName: true, chatId: true, language: true } } } as const;

function toParticipant(row: {
  id: number;
  userId: number;
  user: { fullName: string; chatId: bigint | number | null; language: string | null };
}): Participant {
  return {
    memberId: row.id,
    userId: row.userId,
    fullName: row.user.fullName,
    chatId: row.user.chatId !== null ? Number(row.user.chatId) : null,
    language: row.user.language,
  };
}

export function createMeetingRepository(db: Db) {
  async function participants(schoolId: number, memberIds: readonly number[]): Promise<Map<number, Participant>> {
    const rows = await db.member.findMany({ where: { schoolId, id: { in: [...new Set(memberIds)] } }, select: personSelect });
    return new Map(rows.map((r) => [r.id, toParticipant(r)]));
  }

  async function load(rows: Awaited<ReturnType<Db["meeting"]["findMany"]>>): Promise<MeetingRecord[]> {
    if (rows.length === 0) return [];
    const invitees = await db.meetingInvitee.findMany({ where: { meetingId: { in: rows.map((r) => r.id) } }, orderBy: { id: "asc" } });
    const result: MeetingRecord[] = [];
    for (const row of rows) {
      const own = invitees.filter((i) => i.meetingId === row.id);
      const people = await participants(row.schoolId, [row.organizerMemberId, ...own.map((i) => i.memberId)]);
      const organizer = people.get(row.organizerMemberId);
      if (!organizer) continue;
      result.push({
        id: row.id,
        schoolId: row.schoolId,
        kind: row.kind as MeetingKind,
        title: row.title,
        startsAt: row.startsAt,
        organizer,
        invitees: own.flatMap((i) => {
          const person = people.get(i.memberId);
          return person ? [{ ...person, status: i.status as InviteeStatus }] : [];
        }),
        ...(row.caseId !== null ? { caseId: row.caseId } : {}),
        ...(row.classId !== null ? { classId: row.classId } : {}),
      });
    }
    return result;
  }

  return {
    async create(tx: Tx, meeting: NewMeeting): Promise<number> {
      const row = await tx.meeting.create({
        data: {
          schoolId: meeting.schoolId,
          kind: meeting.kind,
          caseId: meeting.caseId ?? null,
          classId: meeting.classId ?? null,
          title: meeting.title,
          startsAt: meeting.startsAt,
          organizerMemberId: meeting.organizerMemberId,
        },
        select: { id: true },
      });
      for (const memberId of new Set(meeting.inviteeMemberIds)) {
        await tx.meetingInvitee.create({ data: { schoolId: meeting.schoolId, meetingId: row.id, memberId } });
      }
      return row.id;
    },

    async find(schoolId: number, meetingId: number): Promise<MeetingRecord | undefined> {
      const rows = await db.meeting.findMany({ where: { id: meetingId, schoolId } });
      return (await load(rows))[0];
    },

    async respond(tx: Tx, meetingId: number, memberId: number, status: InviteeStatus, at: Date): Promise<boolean> {
      const updated = await tx.meetingInvitee.updateMany({ where: { meetingId, memberId }, data: { status, respondedAt: at } });
      return updated.count > 0;
    },

    /** The meetings of these cases (cancelled ones too), oldest first: the case file lists them. */
    async forCases(schoolId: number, caseIds: readonly number[]): Promise<(MeetingRecord & { status: string })[]> {
      if (caseIds.length === 0) return [];
      const rows = await db.meeting.findMany({ where: { schoolId, caseId: { in: [...caseIds] } }, orderBy: { startsAt: "asc" } });
      const status = new Map(rows.map((r) => [r.id, r.status as string]));
      return (await load(rows)).map((m) => ({ ...m, status: status.get(m.id) ?? "proposed" }));
    },

    /** Meetings starting after `from` and no later than `to`, in every school. */
    async startingBetween(from: Date, to: Date): Promise<MeetingRecord[]> {
      const rows = await db.meeting.findMany({
        where: { startsAt: { gt: from, lte: to }, status: { not: "cancelled" } },
        orderBy: { id: "asc" },
        take: 1000,
      });
      return load(rows);
    },

    /** Active staff of the school with these roles, who can be invited through the bot. */
    async staff(schoolId: number, roles: readonly Role[]): Promise<(Participant & { roles: Role[] })[]> {
      const rows = await db.member.findMany({
        where: { schoolId, active: true, user: { chatId: { not: null } }, roles: { some: { role: { in: [...roles] } } } },
        select: personSelect,
        orderBy: { id: "asc" },
      });
      return rows.map((r) => ({ ...toParticipant(r), roles: rolesOf(r.roles) }));
    },
  };
}

export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
