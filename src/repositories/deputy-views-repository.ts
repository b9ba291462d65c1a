import type { Db } from "../db/open-database.js";
import type { CaseState, StepRecord } from "../domain/case/index.js";
import { ESCALATION_KINDS } from "../domain/reminders/notification.js";

/** An open case of the school with the names a school-wide view shows. */
export interface SchoolCaseRow {
  state: CaseState;
  teacherMemberId: number;
  /** The deputy in charge as stored (null: by the regulation's rule). */
  deputyMemberId: number | null;
  teacherName: string;
  studentId: number | null;
  studentName?: string;
  classLabel?: string;
  /** When the case was opened (recorded), not the date its trigger arrived. */
  createdAt: Date;
  /** PlanMeasure rows (the ИПР) recorded in the case. */
  planMeasures: number;
  /** Plan files attached (a plan given as a file is a plan). */
  planFiles: number;
}

export interface DigestSchoolRow {
  id: number;
  timezone: string;
  digestHour: number;
  workEndHour: number;
  hideNamesInPush: boolean;
  /** The early warning's threshold, school days in a row. */
  attendanceWarnDays: number;
}

export function createDeputyViewsRepository(db: Db) {
  return {
    async openCases(schoolId: number): Promise<SchoolCaseRow[]> {
      const rows = await db.case.findMany({
        where: { schoolId, status: "open" },
        orderBy: { id: "asc" },
        select: {
          id: true,
          regulationId: true,
          regulationVersion: true,
          studentId: true,
          teacherId: true,
          deputyMemberId: true,
          status: true,
          openedOn: true,
          flags: true,
          steps: true,
          events: { where: { type: "caseOpened" }, take: 1, orderBy: { id: "asc" }, select: { at: true } },
          class: { select: { label: true } },
          student: { select: { fullName: true } },
          teacher: { select: { user: { select: { fullName: true } } } },
          _count: { select: { measures: true, attachments: { where: { kind: "plan" } } } },
        },
      });
      return rows.map((row) => ({
        state: {
          id: String(row.id),
          regulationId: row.regulationId,
          regulationVersion: row.regulationVersion,
          teacherId: String(row.teacherId),
          ...(row.studentId !== null ? { studentId: String(row.studentId) } : {}),
          ...(row.class ? { classLabel: row.class.label } : {}),
          status: "open",
          openedOn: row.openedOn,
          flags: JSON.parse(row.flags) as string[],
          steps: JSON.parse(row.steps) as Record<string, StepRecord>,
        },
        teacherMemberId: row.teacherId,
        deputyMemberId: row.deputyMemberId,
        teacherName: row.teacher.user.fullName,
        studentId: row.studentId,
        ...(row.student ? { studentName: row.student.fullName } : {}),
        ...(row.class ? { classLabel: row.class.label } : {}),
        // The opening event's time is the application's clock (the column default is the database's).
        createdAt: row.events[0]?.at ?? new Date(0),
        planMeasures: row._count.measures,
        planFiles: row._count.attachments,
      }));
    },

    /**
     * The school's cases opened or closed on or after `since` (the dashboard's months and the time
     * to an ИПР), with their steps as stored; a teacher's own when `teacherMemberId` is given.
     */
    async casesSince(
      schoolId: number,
      since: string,
      teacherMemberId?: number,
    ): Promise<
      { regulationId: string; regulationVersion: number; openedOn: string; closedOn: string | null; steps: string; classLabel?: string }[]
    > {
      const rows = await db.case.findMany({
        where: {
          schoolId,
          ...(teacherMemberId !== undefined ? { teacherId: teacherMemberId } : {}),
          OR: [{ openedOn: { gte: since } }, { closedOn: { gte: since } }],
        },
        select: {
          regulationId: true,
          regulationVersion: true,
          openedOn: true,
          closedOn: true,
          steps: true,
          class: { select: { label: true } },
        },
      });
      return rows.map(({ class: k, ...row }) => ({ ...row, ...(k ? { classLabel: k.label } : {}) }));
    },

    /** The school's cases closed on or after `since` (a teacher's own when given), the latest first, at most `limit`. */
    async closedCases(
      schoolId: number,
      since: string,
      limit: number,
      teacherMemberId?: number,
    ): Promise<
      {
        caseId: number;
        regulationId: string;
        regulationVersion: number;
        openedOn: string;
        closedOn: string;
        teacherMemberId: number;
        teacherName: string;
        studentName?: string;
        classLabel?: string;
      }[]
    > {
      const rows = await db.case.findMany({
        where: {
          schoolId,
          status: "closed",
          closedOn: { gte: since },
          ...(teacherMemberId !== undefined ? { teacherId: teacherMemberId } : {}),
        },
        orderBy: [{ closedOn: "desc" }, { id: "desc" }],
        take: limit,
        select: {
          id: true,
          regulationId: true,
          regulationVersion: true,
          openedOn: true,
          closedOn: true,
          teacherId: true,
          teacher: { select: { user: { select: { fullName: true } } } },
          student: { select: { fullName: true } },
          class: { select: { label: true } },
        },
      });
      return rows.map((r) => ({
        caseId: r.id,
        regulationId: r.regulationId,
        regulationVersion: r.regulationVersion,
        openedOn: r.openedOn,
        closedOn: r.closedOn ?? "",
        teacherMemberId: r.teacherId,
        teacherName: r.teacher.user.fullName,
        ...(r.student ? { studentName: r.student.fullName } : {}),
        ...(r.class ? { classLabel: r.class.label } : {}),
      }));
    },

    /** Schools whose digest may be due (every school; few enough to read at once). */
    async digestSchools(): Promise<DigestSchoolRow[]> {
      return db.school.findMany({
        select: { id: true, timezone: true, digestHour: true, workEndHour: true, hideNamesInPush: true, attendanceWarnDays: true },
        orderBy: { id: "asc" },
      });
    },

    /** The school's active, reachable deputies. */
    async deputies(schoolId: number): Promise<{ userId: number; memberId: number }[]> {
      const rows = await db.member.findMany({
        where: { schoolId, active: true, user: { reachable: true }, roles: { some: { role: "deputy" } } },
        select: { id: true, userId: true },
      });
      return rows.map((r) => ({ userId: r.userId, memberId: r.id }));
    },

    /** The school's active class teachers with their classes and whether the bot can reach them (the dashboard's teachers page). */
    async teacherRoster(schoolId: number): Promise<{ memberId: number; fullName: string; reachable: boolean; classes: string[] }[]> {
      const rows = await db.member.findMany({
        where: { schoolId, active: true, roles: { some: { role: "teacher" } } },
        select: { id: true, user: { select: { fullName: true, reachable: true } }, classes: { select: { label: true } } },
      });
      return rows.map((r) => ({
        memberId: r.id,
        fullName: r.user.fullName,
        reachable: r.user.reachable,
        classes: r.classes.map((k) => k.label).sort((a, b) => a.localeCompare(b, "ru", { numeric: true })),
      }));
    },

    /** Active teachers of the school, by name (to pass a case to). */
    async teachers(schoolId: number): Promise<{ memberId: number; fullName: string }[]> {
      const rows = await db.member.findMany({
        where: { schoolId, active: true, roles: { some: { role: "teacher" } } },
        select: { id: true, user: { select: { fullName: true } } },
      });
      return rows.map((r) => ({ memberId: r.id, fullName: r.user.fullName })).sort((a, b) => a.fullName.localeCompare(b.fullName, "ru"));
    },

    async outboxKeyExists(key: string): Promise<boolean> {
      return (await db.notification.count({ where: { key } })) > 0;
    },

    /** Escalations the planner addressed to this person since `since` (case ids, once each). */
    /** The steps escalated to this person since `since`, each case and step once, oldest first. */
    async escalationsTo(userId: number, since: Date): Promise<{ caseId: number; stepId?: string }[]> {
      const rows = await db.notification.findMany({
        where: { userId, kind: { in: [...ESCALATION_KINDS] }, createdAt: { gte: since } },
        select: { payload: true },
        orderBy: { id: "asc" },
      });
      const seen = new Set<string>();
      const found: { caseId: number; stepId?: string }[] = [];
      for (const row of rows) {
        const payload = JSON.parse(row.payload) as { caseId?: number; stepId?: string };
        const caseId = Number(payload.caseId);
        if (!Number.isFinite(caseId)) continue;
        const key = `${caseId}:${payload.stepId ?? ""}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ caseId, ...(typeof payload.stepId === "string" ? { stepId: payload.stepId } : {}) });
      }
      return found;
    },
  };
}

export type DeputyViewsRepository = ReturnType<typeof createDeputyViewsRepository>;
