import type { Db } from "../db/open-database.js";
import type { LocalDate } from "../domain/dates.js";
import type { Tx } from "./case-repository.js";

/** Classes and their students, always within one school. */

export interface ClassSummary {
  id: number;
  label: string;
  teacherMemberId: number | null;
  students: number;
}

export interface NewStudent {
  classId: number;
  fullName: string;
  searchName: string;
  birthDate?: LocalDate;
}

/** Grade first, then the letter: 5А, 7Б, 10А, 11В (not the string order 10А, 11В, 5А). */
function byLabel(a: { label: string }, b: { label: string }): number {
  return a.label.localeCompare(b.label, "ru", { numeric: true });
}

export function createStudentRepository(db: Db) {
  async function summaries(where: { schoolId: number; teacherId?: number }): Promise<ClassSummary[]> {
    const rows = await db.schoolClass.findMany({
      where,
      select: { id: true, label: true, teacherId: true, _count: { select: { students: true } } },
    });
    return rows.map((r) => ({ id: r.id, label: r.label, teacherMemberId: r.teacherId, students: r._count.students })).sort(byLabel);
  }

  return {
    /** The classes a member is class teacher of, with student counts. */
    classesOf: (schoolId: number, memberId: number) => summaries({ schoolId, teacherId: memberId }),

    /** Every class of the school, with student counts. */
    classesOfSchool: (schoolId: number) => summaries({ schoolId }),

    async findClass(client: Db | Tx, schoolId: number, classId: number): Promise<ClassSummary | undefined> {
      const row = await client.schoolClass.findFirst({
        where: { id: classId, schoolId },
        select: { id: true, label: true, teacherId: true, _count: { select: { students: true } } },
      });
      return row ? { id: row.id, label: row.label, teacherMemberId: row.teacherId, students: row._count.students } : undefined;
    },

    /** Classes of the school by label (labels in normal form). */
    async classesByLabel(
      client: Db | Tx,
      schoolId: number,
      labels: readonly string[],
    ): Promise<Map<string, { id: number; teacherMemberId: number | null }>> {
      const rows = await client.schoolClass.findMany({
        where: { schoolId, label: { in: [...new Set(labels)] } },
        select: { id: true, label: true, teacherId: true },
      });
      return new Map(rows.map((r) => [r.label, { id: r.id, teacherMemberId: r.teacherId }]));
    },

    async createClass(tx: Tx, schoolId: number, label: string, teacherMemberId: number | null = null): Promise<number> {
      const row = await tx.schoolClass.create({ data: { schoolId, label, teacherId: teacherMemberId }, select: { id: true } });
      return row.id;
    },

    /** Makes the member the class teacher of the class with this label, creating the class if needed. */
    async assignClassTeacher(tx: Tx, schoolId: number, label: string, memberId: number): Promise<number> {
      const row = await tx.schoolClass.upsert({
        where: { schoolId_label: { schoolId, label } },
        create: { schoolId, label, teacherId: memberId },
        update: { teacherId: memberId },
        select: { id: true },
      });
      return row.id;
    },

    /** A student of the class with this search name. */
    async findByName(
      client: Db | Tx,
      schoolId: number,
      classId: number,
      searchName: string,
    ): Promise<{ id: number; fullName: string } | undefined> {
      const row = await client.student.findFirst({ where: { schoolId, classId, searchName }, select: { id: true, fullName: true } });
      return row ?? undefined;
    },

    /** The students of these classes by studentKey(class, search name): a roster's rows find their ids. */
    async idsIn(client: Db | Tx, schoolId: number, classIds: readonly number[]): Promise<Map<string, number>> {
      const rows = await client.student.findMany({
        where: { schoolId, classId: { in: [...new Set(classIds)] } },
        select: { id: true, classId: true, searchName: true },
      });
      return new Map(rows.map((r) => [studentKey(r.classId, r.searchName), r.id]));
    },

    /** The search names already stored in each of these classes. */
    async searchNamesIn(client: Db | Tx, schoolId: number, classIds: readonly number[]): Promise<Set<string>> {
      const rows = await client.student.findMany({
        where: { schoolId, classId: { in: [...new Set(classIds)] } },
        select: { classId: true, searchName: true },
      });
      return new Set(rows.map((r) => studentKey(r.classId, r.searchName)));
    },

    async insertStudent(tx: Tx, schoolId: number, student: NewStudent): Promise<number> {
      const row = await tx.student.create({
        data: {
          schoolId,
          classId: student.classId,
          fullName: student.fullName,
          searchName: student.searchName,
          birthDate: student.birthDate ?? null,
        },
        select: { id: true },
      });
      return row.id;
    },

    async insertStudents(tx: Tx, schoolId: number, students: readonly NewStudent[]): Promise<number> {
      if (students.length === 0) return 0;
      const { count } = await tx.student.createMany({
        data: students.map((s) => ({
          schoolId,
          classId: s.classId,
          fullName: s.fullName,
          searchName: s.searchName,
          birthDate: s.birthDate ?? null,
        })),
      });
      return count;
    },
  };
}

/** Identifies a student within a class for duplicate checks. */
export function studentKey(classId: number, searchName: string): string {
  return `${classId}\n${searchName}`;
}

export type StudentRepository = ReturnType<typeof createStudentRepository>;
