import type { Db } from "../db/open-database.js";
import { ABSENCE_REGULATION_ID, type AttendanceMark } from "../domain/attendance/absence-run.js";
import type { LocalDate } from "../domain/dates.js";
import type { Tx } from "./case-repository.js";
import { placeholders, providerOfClient } from "./outbox-repository.js";
import { readRaw } from "../db/raw-sql.js";

/*
 * Attendance as the early warning keeps it (decision 020): the school days a class's attendance is
 * known (AttendanceDay) and the absences (AttendanceMark); a student of a known day without an
 * absence was present. Writes are idempotent: the same file twice changes nothing.
 */

export interface AttendanceWrite {
  days: readonly { classId: number; on: LocalDate }[];
  absences: readonly { studentId: number; on: LocalDate; kind: "unexcused" | "excused"; mark: string }[];
  /** Student days marked present: an absence stored for one of them goes. */
  present: readonly { studentId: number; on: LocalDate }[];
}

/** A teacher's answer to a warning: the family reached, or a valid reason (decision 020). */
export interface RunAnswer {
  runFrom: LocalDate;
  kind: "contacted" | "excused";
  at: Date;
}

/** A student the early warning looks at, with their marks from the look-back on (present unless an absence is stored). */
export interface RunCandidate {
  studentId: number;
  fullName: string;
  classLabel: string;
  teacherUserId: number | null;
  openAbsenceCase: number | null;
  marks: Map<LocalDate, AttendanceMark>;
  answers: RunAnswer[];
}

export function createAttendanceRepository(db: Db) {
  const provider = providerOfClient(db);
  const json = (p: () => string) => (provider === "postgresql" ? `json_array_elements(${p()}::json)` : `json_each(${p()})`);
  const field = (name: string, type: "int" | "text") =>
    provider === "postgresql" ? `(j.value->>'${name}')::${type === "int" ? "int" : "text"}` : `j.value ->> '${name}'`;
  const from = (p: () => string) => (provider === "postgresql" ? `FROM ${json(p)} AS j(value)` : `FROM ${json(p)} AS j`);

  return {
    /** Stores one import in the caller's transaction; returns how many rows changed. */
    async save(tx: Tx, schoolId: number, write: AttendanceWrite): Promise<{ days: number; absences: number; cleared: number }> {
      let p = placeholders(provider);
      const days = write.days.length
        ? await tx.$executeRawUnsafe(
            `INSERT INTO "AttendanceDay" ("schoolId", "classId", "on") SELECT ${p()}, ${field("c", "int")}, ${field("d", "text")} ${from(p)} ` +
              `${provider === "sqlite" ? "WHERE true " : ""}ON CONFLICT ("classId", "on") DO NOTHING`,
            schoolId,
            JSON.stringify(write.days.map((d) => ({ c: d.classId, d: d.on }))),
          )
        : 0;
      // The marks already stored for these students over the file's dates, compared here: only
      // what changed is written (a join of the file against the table made SQLite scan it whole).
      const dates = [...write.absences.map((a) => a.on), ...write.present.map((a) => a.on)].sort();
      const students = [...new Set([...write.absences, ...write.present].map((a) => a.studentId))];
      const stored = new Map<string, { id: number; kind: string; mark: string }>();
      if (students.length > 0) {
        p = placeholders(provider);
        const ids =
          provider === "postgresql" ? `SELECT (json_array_elements_text(${p()}::json))::int` : `SELECT value FROM json_each(${p()})`;
        const rows = await readRaw<{ id: unknown; studentId: unknown; on: string; kind: string; mark: string }[]>(
          tx,
          `SELECT "id", "studentId", "on", "kind", "mark" FROM "AttendanceMark" WHERE "studentId" IN (${ids}) AND "on" >= ${p()} AND "on" <= ${p()}`,
          JSON.stringify(students),
          dates[0],
          dates.at(-1),
        );
        for (const r of rows) stored.set(`${Number(r.studentId)}|${r.on}`, { id: Number(r.id), kind: String(r.kind), mark: r.mark });
      }
      const fresh = write.absences.filter((a) => !stored.has(`${a.studentId}|${a.on}`));
      const changed = write.absences.flatMap((a) => {
        const was = stored.get(`${a.studentId}|${a.on}`);
        return was && (was.kind !== a.kind || was.mark !== a.mark) ? [{ ...a, id: was.id }] : [];
      });
      const gone = write.present.flatMap((a) => {
        const was = stored.get(`${a.studentId}|${a.on}`);
        return was ? [was.id] : [];
      });
      p = placeholders(provider);
      const kind = provider === "postgresql" ? `${field("k", "text")}::"AbsenceKind"` : field("k", "text");
      let absences = fresh.length
        ? await tx.$executeRawUnsafe(
            `INSERT INTO "AttendanceMark" ("schoolId", "studentId", "on", "kind", "mark") ` +
              `SELECT ${p()}, ${field("s", "int")}, ${field("d", "text")}, ${kind}, ${field("m", "text")} ${from(p)} ` +
              `${provider === "sqlite" ? "WHERE true " : ""}ON CONFLICT ("studentId", "on") DO NOTHING`,
            schoolId,
            JSON.stringify(fresh.map((a) => ({ s: a.studentId, d: a.on, k: a.kind, m: a.mark }))),
          )
        : 0;
      for (const a of changed) {
        absences += await tx.attendanceMark.updateMany({ where: { id: a.id }, data: { kind: a.kind, mark: a.mark } }).then((r) => r.count);
      }
      p = placeholders(provider);
      const cleared = gone.length
        ? await tx.$executeRawUnsafe(
            `DELETE FROM "AttendanceMark" WHERE "id" IN (${provider === "postgresql" ? `SELECT (json_array_elements_text(${p()}::json))::int` : `SELECT value FROM json_each(${p()})`})`,
            JSON.stringify(gone),
          )
        : 0;
      return { days, absences, cleared };
    },

    /**
     * The early warning's students of a school, with what the counter needs, in four statements
     * whatever the school's size: students with an absence without a valid reason on or after
     * `since` (their class teacher's user and their open absence case, if any), the days their
     * classes' attendance is known, their absences, and the teachers' answers to warnings.
     */
    async schoolRuns(schoolId: number, since: LocalDate): Promise<RunCandidate[]> {
      // The school's absences first (one index range): the students with one without a valid reason are the candidates.
      let p = placeholders(provider);
      const absences = await readRaw<{ studentId: unknown; on: string; kind: string }[]>(
        db,
        `SELECT "studentId", "on", "kind" FROM "AttendanceMark" WHERE "schoolId" = ${p()} AND "on" >= ${p()}`,
        schoolId,
        since,
      );
      const ids = [...new Set(absences.filter((a) => a.kind === "unexcused").map((a) => Number(a.studentId)))].sort((a, b) => a - b);
      if (ids.length === 0) return [];
      p = placeholders(provider);
      // Placeholders are taken in the text's order (SQLite numbers them so): the list's comes second.
      const list = () =>
        provider === "postgresql" ? `SELECT (json_array_elements_text(${p()}::json))::int` : `SELECT value FROM json_each(${p()})`;
      const rows = await readRaw<
        { studentId: unknown; classId: unknown; fullName: string; classLabel: string; teacherUserId: unknown; openCase: unknown }[]
      >(
        db,
        `SELECT s."id" AS "studentId", s."classId", s."fullName", k."label" AS "classLabel", m."userId" AS "teacherUserId", ` +
          `(SELECT min(c."id") FROM "Case" c WHERE c."studentId" = s."id" AND c."status" = 'open' AND c."regulationId" = ${p()}) AS "openCase" ` +
          `FROM "Student" s JOIN "SchoolClass" k ON k."id" = s."classId" LEFT JOIN "Member" m ON m."id" = k."teacherId" AND m."active" = ${provider === "postgresql" ? "true" : "1"} ` +
          `WHERE s."id" IN (${list()}) AND s."schoolId" = ${p()} AND s."leftOn" IS NULL ORDER BY s."id"`,
        ABSENCE_REGULATION_ID,
        JSON.stringify(ids),
        schoolId,
      );
      if (rows.length === 0) return [];
      p = placeholders(provider);
      const days = await readRaw<{ classId: unknown; on: string }[]>(
        db,
        `SELECT "classId", "on" FROM "AttendanceDay" WHERE "schoolId" = ${p()} AND "on" >= ${p()}`,
        schoolId,
        since,
      );
      p = placeholders(provider);
      const notes = await readRaw<{ studentId: unknown; runFrom: string; kind: string; at: Date }[]>(
        db,
        `SELECT "studentId", "runFrom", "kind", "at" FROM "AttendanceNote" WHERE "schoolId" = ${p()} AND "runFrom" >= ${p()}`,
        schoolId,
        since,
      );
      const daysOf = new Map<number, LocalDate[]>();
      for (const d of days) {
        const classId = Number(d.classId);
        const list = daysOf.get(classId);
        if (list) list.push(d.on);
        else daysOf.set(classId, [d.on]);
      }
      const absent = new Map<string, AttendanceMark>();
      for (const a of absences) absent.set(`${Number(a.studentId)}|${a.on}`, a.kind === "excused" ? "excused" : "unexcused");
      const answers = new Map<number, RunAnswer[]>();
      for (const n of notes) {
        const studentId = Number(n.studentId);
        const answer: RunAnswer = { runFrom: n.runFrom, kind: n.kind === "excused" ? "excused" : "contacted", at: new Date(n.at) };
        answers.set(studentId, [...(answers.get(studentId) ?? []), answer]);
      }
      return rows.map((r) => {
        const studentId = Number(r.studentId);
        const marks = new Map<LocalDate, AttendanceMark>();
        for (const on of daysOf.get(Number(r.classId)) ?? []) marks.set(on, absent.get(`${studentId}|${on}`) ?? "present");
        return {
          studentId,
          fullName: r.fullName,
          classLabel: r.classLabel,
          teacherUserId: r.teacherUserId === null ? null : Number(r.teacherUserId),
          openAbsenceCase: r.openCase === null ? null : Number(r.openCase),
          marks,
          answers: answers.get(studentId) ?? [],
        };
      });
    },

    /** Records a teacher's answer to a warning in the caller's transaction; false when that answer was given already. */
    async answer(
      tx: Tx,
      row: {
        schoolId: number;
        studentId: number;
        runFrom: LocalDate;
        kind: RunAnswer["kind"];
        note: string;
        byUserId: number | null;
        at: Date;
      },
    ): Promise<boolean> {
      const found = await tx.attendanceNote.findUnique({
        where: { studentId_runFrom_kind: { studentId: row.studentId, runFrom: row.runFrom, kind: row.kind } },
        select: { id: true },
      });
      if (found) return false;
      await tx.attendanceNote.create({ data: row });
      return true;
    },

    /** A student's absence stored on a day, if any. */
    async absenceOn(schoolId: number, studentId: number, on: LocalDate): Promise<"unexcused" | "excused" | undefined> {
      const row = await db.attendanceMark.findUnique({
        where: { studentId_on: { studentId, on } },
        select: { schoolId: true, kind: true },
      });
      return row && row.schoolId === schoolId ? row.kind : undefined;
    },

    /** Absences stored for these students on one day, by student. */
    async absencesOn(schoolId: number, studentIds: readonly number[], on: LocalDate): Promise<Map<number, "unexcused" | "excused">> {
      if (studentIds.length === 0) return new Map();
      const rows = await db.attendanceMark.findMany({
        where: { schoolId, on, studentId: { in: [...studentIds] } },
        select: { studentId: true, kind: true },
      });
      return new Map(rows.map((r) => [r.studentId, r.kind]));
    },

    /** A student's absences stored from `from` to `to` (inclusive), by kind. */
    async absencesBetween(
      schoolId: number,
      studentId: number,
      from: LocalDate,
      to: LocalDate,
    ): Promise<{ unexcused: number; excused: number }> {
      const rows = await db.attendanceMark.groupBy({
        by: ["kind"],
        where: { schoolId, studentId, on: { gte: from, lte: to } },
        _count: { _all: true },
      });
      const count = (kind: string) => rows.find((r) => r.kind === kind)?._count._all ?? 0;
      return { unexcused: count("unexcused"), excused: count("excused") };
    },

    /** A student's marks from `since` on: each known day of the class, present unless an absence is stored. */
    async marksOf(schoolId: number, studentId: number, since: LocalDate): Promise<Map<LocalDate, AttendanceMark>> {
      const p = placeholders(provider);
      const rows = await readRaw<{ on: string; kind: string | null }[]>(
        db,
        `SELECT d."on", m."kind" FROM "Student" s JOIN "AttendanceDay" d ON d."classId" = s."classId" ` +
          `LEFT JOIN "AttendanceMark" m ON m."studentId" = s."id" AND m."on" = d."on" ` +
          `WHERE s."id" = ${p()} AND s."schoolId" = ${p()} AND d."on" >= ${p()}`,
        studentId,
        schoolId,
        since,
      );
      return new Map(rows.map((r) => [r.on, r.kind === "unexcused" || r.kind === "excused" ? r.kind : "present"]));
    },
  };
}
