import type { Db } from "../db/open-database.js";
import type { LocalDate } from "../domain/dates.js";
import type { InvitationWay } from "../domain/people/parent-meetings.js";
import type { ParentRelation } from "../domain/people/parents.js";
import type { Tx } from "./case-repository.js";

/** Parents invited to meetings about a case, and whether they came. */

export interface ParentMeetingRecord {
  id: number;
  caseId: number;
  parentId?: number;
  parentName: string;
  relation: ParentRelation;
  invitedVia: InvitationWay;
  invitedOn: LocalDate;
  meetingOn: LocalDate;
  /** Undefined until recorded. */
  attended?: boolean;
}

export type NewParentMeeting = Omit<ParentMeetingRecord, "id" | "attended"> & { invitedBy: number };

type Row = {
  id: number;
  caseId: number;
  parentId: number | null;
  parentName: string;
  relation: string;
  invitedVia: string;
  invitedOn: string;
  meetingOn: string;
  attended: boolean | null;
};

function toRecord(row: Row): ParentMeetingRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    ...(row.parentId !== null ? { parentId: row.parentId } : {}),
    parentName: row.parentName,
    relation: row.relation as ParentRelation,
    invitedVia: row.invitedVia as InvitationWay,
    invitedOn: row.invitedOn,
    meetingOn: row.meetingOn,
    ...(row.attended !== null ? { attended: row.attended } : {}),
  };
}

export function createParentMeetingRepository(db: Db) {
  return {
    /** The meetings of these cases, by date of meeting. */
    async forCases(schoolId: number, caseIds: readonly number[]): Promise<ParentMeetingRecord[]> {
      if (caseIds.length === 0) return [];
      const rows = await db.parentMeeting.findMany({
        where: { schoolId, caseId: { in: [...caseIds] } },
        orderBy: [{ meetingOn: "asc" }, { id: "asc" }],
      });
      return rows.map(toRecord);
    },

    async add(tx: Tx, schoolId: number, meeting: NewParentMeeting): Promise<number> {
      const row = await tx.parentMeeting.create({
        data: {
          schoolId,
          caseId: meeting.caseId,
          parentId: meeting.parentId ?? null,
          parentName: meeting.parentName,
          relation: meeting.relation,
          invitedVia: meeting.invitedVia,
          invitedOn: meeting.invitedOn,
          meetingOn: meeting.meetingOn,
          invitedBy: meeting.invitedBy,
        },
        select: { id: true },
      });
      return row.id;
    },

    /**
     * Records whether the parent came, once: false when the meeting is not this case's or was
     * already recorded (a second tap, or two people at once).
     */
    async recordAttendance(tx: Tx, schoolId: number, caseId: number, meetingId: number, attended: boolean): Promise<boolean> {
      const { count } = await tx.parentMeeting.updateMany({
        where: { id: meetingId, schoolId, caseId, attended: null },
        data: { attended },
      });
      return count > 0;
    },

    async find(schoolId: number, caseId: number, meetingId: number, client: Db | Tx = db): Promise<ParentMeetingRecord | undefined> {
      const row = await client.parentMeeting.findFirst({ where: { id: meetingId, schoolId, caseId } });
      return row ? toRecord(row) : undefined;
    },
  };
}
