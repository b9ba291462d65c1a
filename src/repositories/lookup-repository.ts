import type { Db } from "../db/open-database.js";
import type { Prisma } from "../generated/sqlite/client.js";
import type { StudentRecord } from "./school-repository.js";
import { placeholders, providerOfClient } from "./outbox-repository.js";
import { readRaw } from "../db/raw-sql.js";

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
  const provider = providerOfClient(db);
  return {
    /**
     * Students whose name starts with `query`, then those with another word of the name starting
     * with it (first name, the second part of a double surname); at most `take`.
     */
    async findStudents(schoolId: number, scope: StudentScope, query: string, take: number): Promise<StudentRecord[]> {
      // One statement (a surname typed is the commonest update): the prefix matches first, then a
      // later word of the name; compared without LIKE, so «%» or «_» typed match only themselves.
      // Placeholders are taken as the text is written, left to right (SQLite's are positional).
      // The class by subqueries, not a join: a join had PostgreSQL hash all of a city's classes.
      const p = placeholders(provider);
      const params: unknown[] = [];
      const arg = (value: unknown) => (params.push(value), p());
      const starts = () =>
        provider === "postgresql"
          ? `left(s."searchName", length(${arg(query)}::text)) = ${arg(query)}::text`
          : `substr(s."searchName", 1, length(${arg(query)})) = ${arg(query)}`;
      const has = (prefix: string) =>
        provider === "postgresql"
          ? `strpos(s."searchName", '${prefix}' || ${arg(query)}::text) > 0`
          : `instr(s."searchName", '${prefix}' || ${arg(query)}) > 0`;
      const scoped = () => {
        const where = [`s."schoolId" = ${arg(schoolId)}`];
        if (scope.presentOnly) where.push(`s."leftOn" IS NULL`);
        if (scope.kind === "own") {
          // A teacher's own students are listed first (their classes, their cases: a few dozen rows
          // through indexes) and then compared, not the whole school filtered (1,400 rows a search).
          const own = [
            `SELECT o."id" FROM "Student" o WHERE o."classId" IN (SELECT k."id" FROM "SchoolClass" k WHERE k."teacherId" = ${arg(scope.memberId)})`,
          ];
          if (scope.withCases)
            own.push(`SELECT c."studentId" FROM "Case" c WHERE c."teacherId" = ${arg(scope.memberId)} AND c."schoolId" = ${arg(schoolId)}`);
          where.push(`s."id" IN (${own.join(" UNION ALL ")})`);
        }
        return where.join(" AND ");
      };
      const sql =
        `SELECT s."id", s."fullName", s."classId", (SELECT k."label" FROM "SchoolClass" k WHERE k."id" = s."classId") AS "label", ` +
        `(CASE WHEN ${starts()} THEN 1 ELSE 0 END) AS "prefix" FROM "Student" s ` +
        `WHERE ${scoped()} AND (${starts()} OR ${has(" ")} OR ${has("-")}) ` +
        `ORDER BY "prefix" DESC, s."searchName", s."id" LIMIT ${arg(take)}`;
      const rows = await readRaw<{ id: unknown; fullName: string; classId: unknown; label: string; prefix: unknown }[]>(db, sql, ...params);
      const records = rows.map((r) => ({
        record: { id: Number(r.id), fullName: r.fullName, classId: Number(r.classId), classLabel: r.label },
        prefix: Number(r.prefix) === 1,
      }));
      return [
        ...records
          .filter((r) => r.prefix)
          .map((r) => r.record)
          .sort(byName),
        ...records
          .filter((r) => !r.prefix)
          .map((r) => r.record)
          .sort(byName),
      ];
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
