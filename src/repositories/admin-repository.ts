import type { Db } from "../db/open-database.js";
import { replaceRoles, rolesOf } from "./member-roles.js";
import type { Role } from "../domain/people/roles.js";
import type { Tx } from "./case-repository.js";

/** What an administrator reads and changes: the school's settings, its people and classes. */

export interface SchoolSettings {
  id: number;
  name: string;
  /** Requisites for the papers: the full official name, the address, the director's full name ("" until set). */
  officialName: string;
  address: string;
  directorName: string;
  timezone: string;
  weekLength: number;
  workStartHour: number;
  workEndHour: number;
  digestHour: number;
  hideNamesInPush: boolean;
  /** Routine lateness goes on to the director after the deputy (off by default). */
  escalateToDirector: boolean;
  /** The dashboard's Mini App as the class teachers' menu button too (off by default). */
  dashboardForTeachers: boolean;
  vacations: { id: number; fromDate: string; toDate: string }[];
  upbringingDeputyId: number | null;
  learningDeputyId: number | null;
}

export type SchoolSettingsChange = Partial<
  Pick<
    SchoolSettings,
    | "name"
    | "officialName"
    | "address"
    | "directorName"
    | "timezone"
    | "weekLength"
    | "workStartHour"
    | "workEndHour"
    | "digestHour"
    | "hideNamesInPush"
    | "escalateToDirector"
    | "dashboardForTeachers"
  >
>;

/** Settings no reminder depends on (the papers' requisites, the dashboard's menu button): changing them plans nothing again. */
const PAPER_FIELDS: ReadonlySet<string> = new Set(["name", "officialName", "address", "directorName", "dashboardForTeachers"]);

export interface PersonRow {
  memberId: number;
  userId: number;
  fullName: string;
  roles: Role[];
  active: boolean;
  upbringingDeputy: boolean;
  learningDeputy: boolean;
  classes: string[];
}

export interface ClassRow {
  id: number;
  label: string;
  teacherId: number | null;
}

export function createAdminRepository(db: Db) {
  return {
    async settings(schoolId: number): Promise<SchoolSettings | undefined> {
      const row = await db.school.findUnique({
        where: { id: schoolId },
        select: {
          id: true,
          name: true,
          officialName: true,
          address: true,
          directorName: true,
          timezone: true,
          weekLength: true,
          workStartHour: true,
          workEndHour: true,
          digestHour: true,
          hideNamesInPush: true,
          escalateToDirector: true,
          dashboardForTeachers: true,
          vacations: { select: { id: true, fromDate: true, toDate: true }, orderBy: { fromDate: "asc" } },
          members: {
            where: { active: true, OR: [{ upbringingDeputy: true }, { learningDeputy: true }] },
            select: { id: true, upbringingDeputy: true, learningDeputy: true },
            orderBy: { id: "asc" },
          },
        },
      });
      if (!row) return undefined;
      const { members, ...rest } = row;
      return {
        ...rest,
        upbringingDeputyId: members.find((m) => m.upbringingDeputy)?.id ?? null,
        learningDeputyId: members.find((m) => m.learningDeputy)?.id ?? null,
      };
    },

    // A change of the calendar or the settings bumps the school's planningRevision: the planner
    // job, not this request, resets its cases' nextAttentionOn (decision 018).
    /** Saves the change; one that can move a deadline or a reminder also tells the planner (planningRevision). */
    async updateSettings(tx: Tx, schoolId: number, change: SchoolSettingsChange): Promise<void> {
      const paperOnly = Object.keys(change).every((key) => PAPER_FIELDS.has(key));
      await tx.school.update({
        where: { id: schoolId },
        data: { ...change, ...(paperOnly ? {} : { planningRevision: { increment: 1 } }) },
      });
    },

    /** The early warning's settings: the threshold and the school's own marks (JSON). */
    async attendanceSettings(schoolId: number): Promise<{ warnDays: number; markMap: string } | undefined> {
      const row = await db.school.findUnique({ where: { id: schoolId }, select: { attendanceWarnDays: true, attendanceMarkMap: true } });
      return row ? { warnDays: row.attendanceWarnDays, markMap: row.attendanceMarkMap } : undefined;
    },

    /** Saves them (nothing planned depends on them: the warnings read them on each run). */
    async saveAttendanceSettings(tx: Tx, schoolId: number, change: { warnDays?: number; markMap?: string }): Promise<void> {
      await tx.school.update({
        where: { id: schoolId },
        data: {
          ...(change.warnDays !== undefined ? { attendanceWarnDays: change.warnDays } : {}),
          ...(change.markMap !== undefined ? { attendanceMarkMap: change.markMap } : {}),
        },
      });
    },

    async addVacation(tx: Tx, schoolId: number, fromDate: string, toDate: string): Promise<number> {
      await tx.school.update({ where: { id: schoolId }, data: { planningRevision: { increment: 1 } } });
      return (await tx.vacation.create({ data: { schoolId, fromDate, toDate }, select: { id: true } })).id;
    },

    async removeVacation(tx: Tx, schoolId: number, vacationId: number): Promise<boolean> {
      const removed = (await tx.vacation.deleteMany({ where: { id: vacationId, schoolId } })).count > 0;
      if (removed) await tx.school.update({ where: { id: schoolId }, data: { planningRevision: { increment: 1 } } });
      return removed;
    },

    async setUpbringingDeputy(tx: Tx, schoolId: number, memberId: number): Promise<void> {
      await tx.member.updateMany({ where: { schoolId }, data: { upbringingDeputy: false } });
      await tx.member.updateMany({ where: { schoolId, id: memberId }, data: { upbringingDeputy: true } });
    },

    async setLearningDeputy(tx: Tx, schoolId: number, memberId: number): Promise<void> {
      await tx.member.updateMany({ where: { schoolId }, data: { learningDeputy: false } });
      await tx.member.updateMany({ where: { schoolId, id: memberId }, data: { learningDeputy: true } });
    },

    async people(schoolId: number): Promise<PersonRow[]> {
      const rows = await db.member.findMany({
        where: { schoolId },
        select: {
          id: true,
          userId: true,
          roles: true,
          active: true,
          upbringingDeputy: true,
          learningDeputy: true,
          user: { select: { fullName: true } },
          classes: { select: { label: true }, orderBy: { label: "asc" } },
        },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => ({
        memberId: r.id,
        userId: r.userId,
        fullName: r.user.fullName,
        roles: rolesOf(r.roles),
        active: r.active,
        upbringingDeputy: r.upbringingDeputy,
        learningDeputy: r.learningDeputy,
        classes: r.classes.map((c) => c.label),
      }));
    },

    async setActive(tx: Tx, schoolId: number, memberId: number, active: boolean): Promise<void> {
      await tx.member.updateMany({
        where: { schoolId, id: memberId },
        data: { active, ...(active ? {} : { upbringingDeputy: false, learningDeputy: false }) },
      });
    },

    /** A deactivated member runs no class any more. */
    async unassignClasses(tx: Tx, schoolId: number, memberId: number): Promise<void> {
      await tx.schoolClass.updateMany({ where: { schoolId, teacherId: memberId }, data: { teacherId: null } });
    },

    /** Marks the student as left on `leftOn` (null: back at school); their name, or undefined when no such student in this school. */
    async setStudentLeft(tx: Tx, schoolId: number, studentId: number, leftOn: string | null): Promise<{ fullName: string } | undefined> {
      const student = await tx.student.findFirst({ where: { schoolId, id: studentId }, select: { fullName: true } });
      if (!student) return undefined;
      await tx.student.update({ where: { id: studentId }, data: { leftOn } });
      return student;
    },

    async openCaseCount(tx: Tx, schoolId: number, studentId: number): Promise<number> {
      return tx.case.count({ where: { schoolId, studentId, status: { not: "closed" } } });
    },

    /** Stores an uploaded production-calendar year (the installation's, replacing the built-in one); true when it replaced an earlier upload. */
    async saveProductionYear(tx: Tx, year: number, data: string): Promise<boolean> {
      const existing = await tx.productionYear.findUnique({ where: { year }, select: { year: true } });
      await tx.productionYear.upsert({ where: { year }, create: { year, data }, update: { data } });
      // Every school's deadlines may move: the planner job resets their cases' nextAttentionOn.
      await tx.school.updateMany({ data: { planningRevision: { increment: 1 } } });
      return existing !== null;
    },

    async setRoles(tx: Tx, schoolId: number, memberId: number, roles: readonly Role[]): Promise<void> {
      await replaceRoles(tx, schoolId, memberId, roles);
    },

    async classes(schoolId: number): Promise<ClassRow[]> {
      return db.schoolClass.findMany({
        where: { schoolId },
        select: { id: true, label: true, teacherId: true },
        orderBy: { label: "asc" },
      });
    },

    async setClassTeacher(tx: Tx, schoolId: number, classId: number, teacherId: number | null): Promise<void> {
      await tx.schoolClass.updateMany({ where: { schoolId, id: classId }, data: { teacherId } });
    },

    async renameClass(tx: Tx, schoolId: number, classId: number, label: string): Promise<void> {
      await tx.schoolClass.updateMany({ where: { schoolId, id: classId }, data: { label } });
    },

    /** Ids of open cases run by this member whose student (or class) is in the class. */
    async openCasesOfClass(schoolId: number, classId: number, teacherId: number): Promise<number[]> {
      const rows = await db.case.findMany({
        where: { schoolId, teacherId, status: "open", OR: [{ classId }, { student: { classId } }] },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => r.id);
    },

    async openCasesOf(schoolId: number, teacherId: number): Promise<number[]> {
      const rows = await db.case.findMany({ where: { schoolId, teacherId, status: "open" }, select: { id: true }, orderBy: { id: "asc" } });
      return rows.map((r) => r.id);
    },

    /** Schools this user has an active membership in, by name. */
    async schoolsOf(userId: number): Promise<{ schoolId: number; name: string }[]> {
      const rows = await db.member.findMany({
        where: { userId, active: true },
        select: { schoolId: true, school: { select: { name: true } } },
        orderBy: { schoolId: "asc" },
      });
      return rows.map((r) => ({ schoolId: r.schoolId, name: r.school.name }));
    },

    async setActiveSchool(userId: number, schoolId: number): Promise<void> {
      await db.user.update({ where: { id: userId }, data: { activeSchoolId: schoolId } });
    },

    /** Students whose name contains the query (already in search form), by name. */
    async findStudents(
      schoolId: number,
      searchName: string,
      take = 10,
    ): Promise<{ id: number; fullName: string; classLabel: string; leftOn: string | null }[]> {
      const rows = await db.student.findMany({
        where: { schoolId, searchName: { contains: searchName } },
        select: { id: true, fullName: true, leftOn: true, class: { select: { label: true } } },
        orderBy: { searchName: "asc" },
        take,
      });
      return rows.map((r) => ({ id: r.id, fullName: r.fullName, classLabel: r.class.label, leftOn: r.leftOn }));
    },

    /** A user's private chat (null if they never wrote to the bot) and language. */
    async contactOf(userId: number): Promise<{ chatId: number; language: string | null } | undefined> {
      const row = await db.user.findUnique({ where: { id: userId }, select: { chatId: true, language: true, reachable: true } });
      return row?.chatId && row.reachable ? { chatId: Number(row.chatId), language: row.language } : undefined;
    },

    async auditRows(schoolId: number, from: Date, until: Date) {
      return db.auditEvent.findMany({
        where: { schoolId, at: { gte: from, lt: until } },
        orderBy: { id: "asc" },
        select: { id: true, at: true, actorId: true, action: true, subject: true, detail: true },
      });
    },
  };
}

export type AdminRepository = ReturnType<typeof createAdminRepository>;
