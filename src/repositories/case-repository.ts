import type { Db } from "../db/open-database.js";
import type { Prisma } from "../generated/sqlite/client.js";
import { MissingRowError } from "./missing-row-error.js";
import type { LocalDate } from "../domain/dates.js";
import type { CaseEvent, CaseEventType, CaseState, StepRecord } from "../domain/case/index.js";
import { placeholders, providerOfClient } from "./outbox-repository.js";
import { readRaw } from "../db/raw-sql.js";

/*
 * Cases as the database holds them. Ids are Int columns and strings in the domain (String(id));
 * member ids stand for teachers and actors. Every query is scoped by the school: a case of
 * another school is never found, whatever its id.
 */

/** The client inside `db.$transaction(async (tx) => ...)`: writes take it so a use case commits once. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A case with what the application needs beside the domain state. */
export interface StoredCase {
  state: CaseState;
  schoolId: number;
  /** Bumped by every update; an update with a stale revision is a conflict. */
  revision: number;
  teacherMemberId: number;
  /** The deputy in charge as stored (null: the regulation's rule decides when read). */
  deputyMemberId: number | null;
  studentId: number | null;
  classId: number | null;
  /** The date of registration (ВШУ) recorded for the ИПР. */
  registeredOn: LocalDate | null;
  /** The date the parents read the ИПР. */
  planReadOn: LocalDate | null;
}

/** The dates an ИПР carries that are not transitions of the case. */
export type PlanDateField = "registeredOn" | "planReadOn";

/** One line of a case's chronology. `on` is the school-local date it happened, `at` when it was recorded. */
export interface StoredCaseEvent {
  id: number;
  caseId: string;
  type: CaseEventType;
  on: LocalDate;
  at: Date;
  actorId?: string;
  stepId?: string;
  data: Record<string, string | number | boolean | null>;
}

const caseSelect = {
  id: true,
  schoolId: true,
  regulationId: true,
  regulationVersion: true,
  studentId: true,
  classId: true,
  class: { select: { label: true } },
  teacherId: true,
  deputyMemberId: true,
  status: true,
  openedOn: true,
  firstAbsenceOn: true,
  daysMissed: true,
  closedOn: true,
  closeReason: true,
  closeNote: true,
  registeredOn: true,
  planReadOn: true,
  flags: true,
  steps: true,
  revision: true,
} satisfies Prisma.CaseSelect;

type CaseRow = Prisma.CaseGetPayload<{ select: typeof caseSelect }>;

/** caseSelect's own columns, for raw statements (the class is joined by each). */
const CASE_COLUMNS = Object.keys(caseSelect)
  .filter((column) => column !== "class")
  .map((column) => `c."${column}"`)
  .join(", ");

/** "12" → 12; anything that is not a positive whole number (e.g. forged callback data) → undefined. */
export function parseCaseId(caseId: string): number | undefined {
  if (!/^\d{1,9}$/.test(caseId)) return undefined;
  const id = Number(caseId);
  return id > 0 ? id : undefined;
}

function toStoredCase(row: CaseRow): StoredCase {
  const state: CaseState = {
    id: String(row.id),
    regulationId: row.regulationId,
    regulationVersion: row.regulationVersion,
    teacherId: String(row.teacherId),
    ...(row.studentId !== null ? { studentId: String(row.studentId) } : {}),
    ...(row.class ? { classLabel: row.class.label } : {}),
    status: row.status === "closed" ? "closed" : "open",
    openedOn: row.openedOn,
    ...(row.firstAbsenceOn !== null ? { firstAbsenceOn: row.firstAbsenceOn } : {}),
    ...(row.daysMissed !== null ? { daysMissed: row.daysMissed } : {}),
    ...(row.closedOn !== null ? { closedOn: row.closedOn } : {}),
    ...(row.closeReason !== null ? { closeReason: row.closeReason } : {}),
    ...(row.closeNote !== null ? { closeNote: row.closeNote } : {}),
    flags: JSON.parse(row.flags) as string[],
    steps: JSON.parse(row.steps) as Record<string, StepRecord>,
  };
  return {
    state,
    schoolId: row.schoolId,
    revision: row.revision,
    teacherMemberId: row.teacherId,
    deputyMemberId: row.deputyMemberId,
    studentId: row.studentId,
    classId: row.classId,
    registeredOn: row.registeredOn,
    planReadOn: row.planReadOn,
  };
}

/**
 * The columns a transition may change; the regulation, its version, the subject and the opening
 * date never change. Every change resets `nextAttentionOn`: the planner's next run reads the case
 * and stores it afresh (decision 018).
 */
function mutableColumns(state: CaseState) {
  return {
    nextAttentionOn: null,
    teacherId: Number(state.teacherId),
    status: state.status,
    closedOn: state.closedOn ?? null,
    closeReason: state.closeReason ?? null,
    closeNote: state.closeNote ?? null,
    flags: JSON.stringify(state.flags),
    steps: JSON.stringify(state.steps),
  };
}

export interface InsertCaseOptions {
  schoolId: number;
  /** The opened state; its `id` is ignored (the database assigns one). */
  state: CaseState;
  studentId?: number;
  classId?: number;
  /** The deputy in charge chosen by the regulation's rule (none when the school has no deputy). */
  deputyMemberId?: number;
}

export function createCaseRepository(db: Db) {
  /** Cases by a raw condition, the class's label by subquery; as `toStoredCase` maps them. */
  async function rawCases(where: string, params: unknown[], orderBy = `c."id"`): Promise<StoredCase[]> {
    const rows = await readRaw<(Omit<CaseRow, "class"> & { classLabel: string | null })[]>(
      db,
      `SELECT ${CASE_COLUMNS}, (SELECT k."label" FROM "SchoolClass" k WHERE k."id" = c."classId") AS "classLabel" ` +
        `FROM "Case" c WHERE ${where} ORDER BY ${orderBy}`,
      ...params,
    );
    return rows.map(({ classLabel, ...rest }) =>
      toStoredCase({
        ...rest,
        id: Number(rest.id),
        schoolId: Number(rest.schoolId),
        regulationVersion: Number(rest.regulationVersion),
        studentId: rest.studentId === null ? null : Number(rest.studentId),
        classId: rest.classId === null ? null : Number(rest.classId),
        teacherId: Number(rest.teacherId),
        deputyMemberId: rest.deputyMemberId === null ? null : Number(rest.deputyMemberId),
        daysMissed: rest.daysMissed === null ? null : Number(rest.daysMissed),
        revision: Number(rest.revision),
        class: classLabel === null ? null : { label: classLabel },
      }),
    );
  }

  return {
    async findById(schoolId: number, caseId: string): Promise<StoredCase | undefined> {
      const id = parseCaseId(caseId);
      if (id === undefined) return undefined;
      // Raw: every press on a card reads its case.
      const p = placeholders(providerOfClient(db));
      const [found] = await rawCases(`c."id" = ${p()} AND c."schoolId" = ${p()}`, [id, schoolId]);
      return found;
    },

    async listOpenByTeacher(schoolId: number, memberId: number): Promise<StoredCase[]> {
      const rows = await db.case.findMany({
        where: { schoolId, teacherId: memberId, status: "open" },
        select: caseSelect,
        orderBy: [{ openedOn: "asc" }, { id: "asc" }],
      });
      return rows.map(toStoredCase);
    },

    async listByStudent(schoolId: number, studentId: number): Promise<StoredCase[]> {
      const rows = await db.case.findMany({
        where: { schoolId, studentId },
        select: caseSelect,
        orderBy: [{ openedOn: "asc" }, { id: "asc" }],
      });
      return rows.map(toStoredCase);
    },

    /** The cases of these students, each list in opening order (one query for a lookup's page). */
    async listByStudents(schoolId: number, studentIds: readonly number[]): Promise<Map<number, StoredCase[]>> {
      const byStudent = new Map<number, StoredCase[]>();
      if (studentIds.length === 0) return byStudent;
      // Raw: a surname typed reads its students' cases (a page of them: one placeholder each, so
      // that PostgreSQL sees the values and looks them up by student rather than scanning the school).
      const p = placeholders(providerOfClient(db));
      const ids = [...new Set(studentIds)];
      const found = await rawCases(
        `c."schoolId" = ${p()} AND c."studentId" IN (${ids.map(() => p()).join(", ")})`,
        [schoolId, ...ids],
        `c."openedOn", c."id"`,
      );
      for (const stored of found) {
        if (stored.studentId === null) continue;
        const list = byStudent.get(stored.studentId) ?? [];
        list.push(stored);
        byStudent.set(stored.studentId, list);
      }
      return byStudent;
    },

    /** The chronology in the order it was recorded (a backdated step keeps its place; `on` says when). */
    async events(schoolId: number, caseId: string): Promise<StoredCaseEvent[]> {
      const id = parseCaseId(caseId);
      if (id === undefined) return [];
      // Raw: a card shows its chronology's last lines on every press (a DateTime comes back as a Date on either provider).
      const p = placeholders(providerOfClient(db));
      const rows = await readRaw<
        { id: unknown; caseId: unknown; type: string; on: string; at: Date; actorId: unknown; stepId: string | null; data: string }[]
      >(
        db,
        `SELECT "id", "caseId", "type", "on", "at", "actorId", "stepId", "data" FROM "CaseEvent" WHERE "schoolId" = ${p()} AND "caseId" = ${p()} ORDER BY "id"`,
        schoolId,
        id,
      );
      return rows.map((row) => ({
        id: Number(row.id),
        caseId: String(Number(row.caseId)),
        type: row.type as CaseEventType,
        on: row.on,
        at: new Date(row.at),
        ...(row.actorId !== null ? { actorId: String(Number(row.actorId)) } : {}),
        ...(row.stepId !== null ? { stepId: row.stepId } : {}),
        data: JSON.parse(row.data) as StoredCaseEvent["data"],
      }));
    },

    /** Creates the case row; returns the state with the assigned id. */
    async insert(tx: Tx, { schoolId, state, studentId, classId, deputyMemberId }: InsertCaseOptions): Promise<StoredCase> {
      const row = await tx.case.create({
        data: {
          schoolId,
          regulationId: state.regulationId,
          regulationVersion: state.regulationVersion,
          studentId: studentId ?? null,
          classId: classId ?? null,
          deputyMemberId: deputyMemberId ?? null,
          openedOn: state.openedOn,
          firstAbsenceOn: state.firstAbsenceOn ?? null,
          daysMissed: state.daysMissed ?? null,
          ...mutableColumns(state),
        },
        select: caseSelect,
      });
      return toStoredCase(row);
    },

    /**
     * Saves a transition of a case loaded at `expectedRevision`: the new revision, or undefined when
     * nothing matched (another writer got there first, or no such case in this school); the use
     * case then refuses with a conflict and its transaction rolls back.
     */
    async update(tx: Tx, schoolId: number, state: CaseState, expectedRevision: number): Promise<number | undefined> {
      const id = parseCaseId(state.id);
      if (id === undefined) return undefined;
      const { count } = await tx.case.updateMany({
        where: { id, schoolId, revision: expectedRevision },
        data: { ...mutableColumns(state), revision: { increment: 1 } },
      });
      if (count === 0) return undefined;
      return expectedRevision + 1;
    },

    /** Hands the case to another deputy; revision-checked like `update` (undefined: a conflict). */
    async setDeputy(
      tx: Tx,
      schoolId: number,
      caseId: string,
      deputyMemberId: number,
      expectedRevision: number,
    ): Promise<number | undefined> {
      const id = parseCaseId(caseId);
      if (id === undefined) return undefined;
      const { count } = await tx.case.updateMany({
        where: { id, schoolId, revision: expectedRevision },
        data: { deputyMemberId, revision: { increment: 1 } },
      });
      return count === 0 ? undefined : expectedRevision + 1;
    },

    /**
     * Records (or with null clears) the date of registration (ВШУ) or the date the parents read the ИПР. Not a transition:
     * no revision, and the planner's dates stay (nothing is due because of it).
     */
    async setPlanDate(tx: Tx, schoolId: number, caseId: string, field: PlanDateField, on: LocalDate | null): Promise<boolean> {
      const id = parseCaseId(caseId);
      if (id === undefined) return false;
      const data = field === "registeredOn" ? { registeredOn: on } : { planReadOn: on };
      return (await tx.case.updateMany({ where: { id, schoolId }, data })).count > 0;
    },

    /** Appends the domain's events in their order; `at` is the instant of the use case. */
    async appendEvents(tx: Tx, schoolId: number, caseId: string, events: readonly CaseEvent[], at: Date): Promise<void> {
      const id = parseCaseId(caseId);
      if (id === undefined) throw new MissingRowError(`no case ${caseId}`);
      // One insert per event keeps the ids in the domain's order on both providers.
      for (const event of events) {
        await tx.caseEvent.create({
          data: {
            schoolId,
            caseId: id,
            type: event.type,
            on: event.on,
            at,
            actorId: memberIdOf(event.actorId),
            stepId: event.stepId ?? null,
            data: JSON.stringify(event.data ?? {}),
          },
        });
      }
    },
  };
}

function memberIdOf(actorId: string): number | null {
  const id = Number(actorId);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
