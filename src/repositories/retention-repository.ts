import type { Db } from "../db/open-database.js";
import type { Tx } from "./case-repository.js";

/*
 * Erasing personal data for good. A case takes its chronology, plan measures and attachments with
 * it (cascades); its reminders and snoozes are removed here. Audit rows stay: they hold ids only.
 */

/** Outbox keys read "<recipient>:<case id>:<step>:<kind>:<date>". */
function keyCaseId(key: string): string | undefined {
  return key.split(":")[1];
}

export function createRetentionRepository(db: Db) {
  return {
    async eraseCases(tx: Tx, schoolId: number, caseIds: readonly number[]): Promise<number> {
      if (caseIds.length === 0) return 0;
      const ids = new Set(caseIds.map(String));
      const outbox = await tx.notification.findMany({ where: { schoolId }, select: { id: true, key: true } });
      const doomed = outbox.filter((n) => ids.has(keyCaseId(n.key) ?? "")).map((n) => n.id);
      if (doomed.length > 0) await tx.notification.deleteMany({ where: { id: { in: doomed } } });
      await tx.snooze.deleteMany({ where: { caseId: { in: [...caseIds] } } });
      // The interaction regulation's rows carry plain ids (no cascades): remove them with the case.
      const inCases = { schoolId, caseId: { in: [...caseIds] } };
      await tx.caseMeasure.deleteMany({ where: inCases });
      await tx.councilRequest.deleteMany({ where: inCases });
      const meetings = (await tx.meeting.findMany({ where: inCases, select: { id: true } })).map((m) => m.id);
      if (meetings.length > 0) {
        await tx.meetingInvitee.deleteMany({ where: { meetingId: { in: meetings } } });
        await tx.meeting.deleteMany({ where: { id: { in: meetings } } });
      }
      return (await tx.case.deleteMany({ where: { schoolId, id: { in: [...caseIds] } } })).count;
    },

    async caseIdsOfStudent(schoolId: number, studentId: number, client: Db | Tx = db): Promise<number[]> {
      const rows = await client.case.findMany({ where: { schoolId, studentId }, select: { id: true } });
      return rows.map((r) => r.id);
    },

    async deleteStudent(tx: Tx, schoolId: number, studentId: number): Promise<boolean> {
      await tx.councilRequest.deleteMany({ where: { schoolId, studentId } });
      // An emergency stays on record for the school; only the link to the child goes.
      await tx.sosAlert.updateMany({ where: { schoolId, studentId }, data: { studentId: null } });
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
          class: { select: { label: true } },
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
              measures: { orderBy: { position: "asc" }, select: { what: true, who: true, dueOn: true, doneOn: true } },
              attachments: { select: { kind: true, fileName: true, createdAt: true } },
            },
          },
        },
      });
    },
  };
}

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
