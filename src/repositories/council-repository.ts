import type { Db } from "../db/open-database.js";
import type { Tx } from "./case-repository.js";
import { COUNCIL_FORMS, type CouncilForm } from "../domain/council/council-form.js";

/** Requests for a collegial discussion of one student (section IV.2), with the class teacher's consent. */

export { COUNCIL_FORMS, type CouncilForm };
export type ConsentState = "given" | "pending" | "refused";
export type CouncilStatus = "proposed" | "agreed" | "refused";

export interface CouncilRequestRecord {
  id: number;
  schoolId: number;
  studentId: number;
  caseId?: number;
  requestedBy: number;
  reason: string;
  proposedForm: CouncilForm;
  slots: string[];
  status: CouncilStatus;
  teacherConsent: ConsentState;
  agreedForm?: string;
  agreedAt?: Date;
}

type Row = Awaited<ReturnType<Db["councilRequest"]["findFirstOrThrow"]>>;

function toRecord(row: Row): CouncilRequestRecord {
  return {
    id: row.id,
    schoolId: row.schoolId,
    studentId: row.studentId,
    requestedBy: row.requestedBy,
    reason: row.reason,
    proposedForm: row.proposedForm as CouncilForm,
    slots: JSON.parse(row.slots) as string[],
    status: row.status as CouncilStatus,
    teacherConsent: row.teacherConsent as ConsentState,
    ...(row.caseId !== null ? { caseId: row.caseId } : {}),
    ...(row.agreedForm !== null ? { agreedForm: row.agreedForm } : {}),
    ...(row.agreedAt !== null ? { agreedAt: row.agreedAt } : {}),
  };
}

export function createCouncilRepository(db: Db) {
  return {
    async create(
      tx: Tx,
      request: {
        schoolId: number;
        studentId: number;
        caseId?: number;
        requestedBy: number;
        reason: string;
        proposedForm: CouncilForm;
        slots: string[];
        teacherConsent: ConsentState;
      },
    ): Promise<number> {
      const row = await tx.councilRequest.create({
        data: { ...request, caseId: request.caseId ?? null, slots: JSON.stringify(request.slots) },
        select: { id: true },
      });
      return row.id;
    },

    async find(schoolId: number, id: number): Promise<CouncilRequestRecord | undefined> {
      const row = await db.councilRequest.findFirst({ where: { id, schoolId } });
      return row ? toRecord(row) : undefined;
    },

    /** Changes the request only if it is still in the state the caller saw; false when it was not. */
    async update(
      tx: Tx,
      id: number,
      expected: { status: CouncilStatus; teacherConsent: ConsentState },
      data: { status?: CouncilStatus; teacherConsent?: ConsentState; agreedForm?: string; agreedAt?: Date },
    ): Promise<boolean> {
      const updated = await tx.councilRequest.updateMany({ where: { id, ...expected }, data });
      return updated.count > 0;
    },

    /** The class teacher (member id) of a student's class. */
    async classTeacherOf(schoolId: number, studentId: number): Promise<number | undefined> {
      const row = await db.student.findFirst({ where: { id: studentId, schoolId }, select: { class: { select: { teacherId: true } } } });
      return row?.class.teacherId ?? undefined;
    },
  };
}
