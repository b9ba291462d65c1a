import type { Db } from "../db/open-database.js";
import type { Tx } from "./case-repository.js";

/*
 * Erasing personal data for good. The database does the rest (foreign keys, ON DELETE CASCADE): a
 * case takes its chronology, plan and measures, attachments, meetings and their invitees, council
 * requests, snoozes and the outbox rows about it; a student takes their cases and council requests,
 * and an emergency about them loses only the link. Audit rows stay: they hold ids only.
 * test/db/cascades.test.ts checks every model has such a path.
 */

export function createRetentionRepository(db: Db) {
  return {
    async eraseCases(tx: Tx, schoolId: number, caseIds: readonly number[]): Promise<number> {
      if (caseIds.length === 0) return 0;
      return (await tx.case.deleteMany({ where: { schoolId, id: { in: [...caseIds] } } })).count;
    },

    /** The school and everything that belongs to it (people's user rows stay: they may work elsewhere). */
    async deleteSchool(tx: Tx, schoolId: number): Promise<boolean> {
      return (await tx.school.deleteMany({ where: { id: schoolId } })).count > 0;
    },

    async caseIdsOfStudent(schoolId: number, studentId: number, client: Db | Tx = db): Promise<number[]> {
      const rows = await client.case.findMany({ where: { schoolId, studentId }, select: { id: true } });
      return rows.map((r) => r.id);
    },

    async deleteStudent(tx: Tx, schoolId: number, studentId: number): Promise<boolean> {
      return (await tx.student.deleteMany({ where: { schoolId, id: studentId } })).count > 0;
    },

    /** Closed cases closed on or before `closedOnOrBefore`, oldest first, a batch at a time. */
    async closedCasesBefore(closedOnOrBefore: string, take = 500): Promise<{ id: number; schoolId: number }[]> {
      return db.case.findMany({
        where: { status: "closed", closedOn: { lte: closedOnOrBefore } },
        select: { id: true, schoolId: true },
        orderBy: { id: "asc" },
        take,
      });
    },

    /** Students who left on or before `leftOnOrBefore` and have no open case, a batch at a time. */
    async leaversWithoutOpenCases(leftOnOrBefore: string, take = 500): Promise<{ id: number; schoolId: number; leftOn: string }[]> {
      const rows = await db.student.findMany({
        where: { leftOn: { not: null, lte: leftOnOrBefore }, cases: { none: { status: { not: "closed" } } } },
        select: { id: true, schoolId: true, leftOn: true },
        orderBy: { id: "asc" },
        take,
      });
      return rows.map((r) => ({ id: r.id, schoolId: r.schoolId, leftOn: r.leftOn! }));
    },

    /** Everything stored about one student, for a parent's request. */
    async studentDossier(schoolId: number, studentId: number) {
      return db.student.findFirst({
        where: { schoolId, id: studentId },
        select: {
          id: true,
          fullName: true,
          birthDate: true,
          leftOn: true,
          createdAt: true,
          characteristic: true,
          characteristicOn: true,
          class: { select: { label: true } },
          parents: { orderBy: { id: "asc" }, select: { fullName: true, relation: true, phone: true } },
          cases: {
            orderBy: { id: "asc" },
            select: {
              id: true,
              regulationId: true,
              regulationVersion: true,
              status: true,
              openedOn: true,
              closedOn: true,
              closeReason: true,
              closeNote: true,
              steps: true,
              flags: true,
              teacher: { select: { user: { select: { fullName: true } } } },
              events: { orderBy: { id: "asc" }, select: { type: true, on: true, at: true, stepId: true, data: true } },
              registeredOn: true,
              planReadOn: true,
              measures: { orderBy: { position: "asc" }, select: { what: true, area: true, who: true, dueOn: true, doneOn: true } },
              caseMeasures: {
                orderBy: [{ on: "asc" }, { id: "asc" }],
                select: { on: true, withWhom: true, person: true, what: true, form: true, result: true },
              },
              parentMeetings: {
                orderBy: [{ meetingOn: "asc" }, { id: "asc" }],
                select: { parentName: true, relation: true, invitedVia: true, invitedOn: true, meetingOn: true, attended: true },
              },
              attachments: { select: { kind: true, fileName: true, createdAt: true } },
            },
          },
        },
      });
    },
  };
}

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
