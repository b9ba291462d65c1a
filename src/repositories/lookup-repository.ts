import type { Db } from "../db/open-database.js";
import type { Prisma } from "../generated/sqlite/client.js";
import type { StudentRecord } from "./school-repository.js";

/**
 * Finding students by name within what an actor may see. Names are compared on
 * Student.searchName (lower case, «ё» as «е», single spaces), so both providers match alike.
 */

/**
 * The whole school, or a teacher's own students: their classes and, optionally, students of cases they run.
 * `presentOnly` leaves out students who have left the school (no new cases for them; lookups still find them).
 */
export type StudentScope = ({ kind: "school" } | { kind: "own"; memberId: number; withCases: boolean }) & { presentOnly?: boolean };

export interface ClassSummary {
  id: number;
  label: string;
  students: number;
}

const studentSelect = { id: true, fullName: true, classId: true, class: { select: { label: true } } } satisfies Prisma.StudentSelect;

type StudentRow = Prisma.StudentGetPayload<{ select: typeof studentSelect }>;

function toRecord(row: StudentRow): StudentRecord {
  return { id: row.id, fullName: row.fullName, classId: row.classId, classLabel: row.class.label };
}

function scopeWhere(schoolId: number, scope: StudentScope): Prisma.StudentWhereInput {
  const present: Prisma.StudentWhereInput = scope.presentOnly ? { leftOn: null } : {};
  if (scope.kind === "school") return { schoolId, ...present };
  const own: Prisma.StudentWhereInput[] = [{ class: { teacherId: scope.memberId } }];
  if (scope.withCases) own.push({ cases: { some: { teacherId: scope.memberId, schoolId } } });
  return { schoolId, ...present, OR: own };
}

/** Stable across providers (their collations differ): Russian alphabetical order, then id. */
function byName(a: StudentRecord, b: StudentRecord): number {
  return a.fullName.localeCompare(b.fullName, "ru") || a.id - b.id;
}

export function createLookupRepository(db: Db) {
  return {
    /**
     * Students whose name starts with `query`, then those with another word of the name starting
     * with it (first name, the second part of a double surname); at most `take`.
     */
    async findStudents(schoolId: number, scope: StudentScope, query: string, take: number): Promise<StudentRecord[]> {
      const where = scopeWhere(schoolId, scope);
      const prefixRows = await db.student.findMany({
        where: { AND: [where, { searchName: { startsWith: query } }] },
        select: studentSelect,
        orderBy: [{ searchName: "asc" }, { id: "asc" }],
        take,
      });
      const prefix = prefixRows.map(toRecord).sort(byName);
      if (prefix.length >= take) return prefix;
      const wordRows = await db.student.findMany({
        where: {
          AND: [
            where,
            { NOT: { searchName: { startsWith: query } } },
            { OR: [{ searchName: { contains: ` ${query}` } }, { searchName: { contains: `-${query}` } }] },
          ],
        },
        select: studentSelect,
        orderBy: [{ searchName: "asc" }, { id: "asc" }],
        take: take - prefix.length,
      });
      return [...prefix, ...wordRows.map(toRecord).sort(byName)];
    },

    async findStudent(schoolId: number, scope: StudentScope, studentId: number): Promise<StudentRecord | undefined> {
      const row = await db.student.findFirst({ where: { AND: [scopeWhere(schoolId, scope), { id: studentId }] }, select: studentSelect });
      return row ? toRecord(row) : undefined;
    },

    /** The classes a member is the class teacher of, with their head counts (students who left not counted). */
    async classesOf(schoolId: number, memberId: number): Promise<ClassSummary[]> {
      const rows = await db.schoolClass.findMany({
        where: { schoolId, teacherId: memberId },
        select: { id: true, label: true, _count: { select: { students: { where: { leftOn: null } } } } },
      });
      return rows
        .map((r) => ({ id: r.id, label: r.label, students: r._count.students }))
        .sort((a, b) => a.label.localeCompare(b.label, "ru", { numeric: true }));
    },

    /** A class of the member's with its present students in alphabetical order; undefined when it is not theirs. */
    async classWithStudents(
      schoolId: number,
      memberId: number,
      classId: number,
    ): Promise<{ id: number; label: string; students: StudentRecord[] } | undefined> {
      const row = await db.schoolClass.findFirst({
        where: { id: classId, schoolId, teacherId: memberId },
        select: { id: true, label: true, students: { where: { leftOn: null }, select: studentSelect } },
      });
      if (!row) return undefined;
      return { id: row.id, label: row.label, students: row.students.map(toRecord).sort(byName) };
    },
  };
}

export type LookupRepository = ReturnType<typeof createLookupRepository>;
