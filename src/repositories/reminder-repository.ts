import type { Db } from "../db/open-database.js";
import { rolesByMemberSql, rolesFromText, rolesOf } from "./member-roles.js";
import { deputyInCharge, directorOf, type StaffRoles } from "../domain/people/roles.js";
import type { Vacation, WeekLength } from "../domain/calendar/school-calendar.js";
import type { AnnualDate, StepRecord } from "../domain/case/index.js";
import type { LocalDate } from "../domain/dates.js";
import type { SchoolHours } from "../domain/reminders/delivery-window.js";
import type { PlanRecipient } from "../domain/reminders/plan-reminders.js";
import { numberArray, placeholders, providerOfClient, type Provider } from "./outbox-repository.js";
import { truthy } from "./raw-values.js";
import { readRaw, writeRaw } from "../db/raw-sql.js";

/** A school as the planner needs it: calendar settings, hours and who hears about late steps. */
export interface PlanningSchool {
  id: number;
  /** Counts the changes of the school's calendar and settings (see storeAttention). */
  planningRevision: number;
  timezone: string;
  weekLength: WeekLength;
  vacations: Vacation[];
  annualDates: Record<string, AnnualDate>;
  hours: SchoolHours;
  hideNamesInPush: boolean;
  /** Routine lateness goes on to the director (the school's setting; off by default). */
  escalateToDirector: boolean;
  /** The deputy for upbringing, else the school's first active deputy. */
  deputy?: PlanRecipient;
  directors: PlanRecipient[];
  /** Everyone active in the school, by member id (teachers are looked up here). */
  members: Map<number, PlanRecipient>;
  /** Everyone active, oldest first, with what choosing a case's deputy needs. */
  staff: PlanningMember[];
}

export interface PlanningMember extends StaffRoles {
  memberId: number;
  recipient: PlanRecipient;
}

/** A case the planner's run may read: who it speaks to, and whether it was planned already (its revision, its date known). */
export interface DueCase {
  id: number;
  schoolId: number;
  teacherId: number;
  deputyMemberId: number | null;
  revision: number;
  attentionKnown: boolean;
}

/** An open case as the planner reads it (its flags play no part in deadlines and are not read). */
export interface OpenCaseRow {
  id: number;
  schoolId: number;
  regulationId: string;
  regulationVersion: number;
  teacherMemberId: number;
  /** The deputy in charge as stored (null: by the regulation's rule). */
  deputyMemberId: number | null;
  studentId: number | null;
  openedOn: LocalDate;
  steps: Record<string, StepRecord>;
  revision: number;
  /** False until the planner stores the case's nextAttentionOn (every change resets it). */
  attentionKnown: boolean;
  /** Who or what the case is about, as a push may name it. */
  studentName: string | null;
  classLabel: string | null;
}

/** A case's first date of attention as a planner run computed it, from the case and school revisions it read. */
export interface AttentionRow {
  id: number;
  revision: number;
  planningRevision: number;
  on: LocalDate;
}

export interface SnoozeRow {
  userId: number;
  caseId: number;
  stepId: string;
  until: LocalDate;
}

const recipientSelect = {
  id: true,
  fullName: true,
  chatId: true,
  reachable: true,
  reminderStartHour: true,
  reminderEndHour: true,
  mutedFrom: true,
  mutedUntil: true,
} as const;

interface RecipientFields {
  id: number;
  fullName: string;
  chatId: bigint | null;
  reachable: boolean;
  reminderStartHour: number | null;
  reminderEndHour: number | null;
  mutedFrom: string | null;
  mutedUntil: string | null;
}

function toRecipient(user: RecipientFields, active = true): PlanRecipient {
  return {
    userId: user.id,
    fullName: user.fullName,
    // Nobody can be written to before they open the bot, nor after they leave the school.
    reachable: user.reachable && user.chatId !== null && active,
    reminderStartHour: user.reminderStartHour,
    reminderEndHour: user.reminderEndHour,
    mutedFrom: user.mutedFrom,
    mutedUntil: user.mutedUntil,
  };
}

function parseAnnualDates(json: string): Record<string, AnnualDate> {
  const value: unknown = JSON.parse(json);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, AnnualDate>) : {};
}

/** The ids in a JSON array parameter, as a subquery. */
const idList = (provider: Provider) =>
  provider === "postgresql" ? `SELECT (json_array_elements_text($1::json))::int` : `SELECT value FROM json_each(?)`;

export function createReminderRepository(db: Db) {
  const provider = providerOfClient(db);

  /**
   * Every active member with their user, by school, in member order; with `only`, those members
   * and every deputy and director. Plain rows: building one JSON text in the database instead
   * measured no faster at city scale (bench/RESULTS.md). The roles come from one grouped pass, the
   * ids on PostgreSQL as an array (`= ANY`), and the order is made here: a subquery per member, a
   * JSON id list and a sort in the database cost a city's first run of a day 0.35–0.45 s, this 0.08 s.
   */
  async function activeMembers(only?: readonly number[]): Promise<Map<number, PlanningMember[]>> {
    type Row = {
      id: number;
      schoolId: number;
      roles: string | null;
      upbringingDeputy: unknown;
      learningDeputy: unknown;
      userId: number;
      fullName: string;
      hasChat: unknown;
      reachable: unknown;
      reminderStartHour: number | null;
      reminderEndHour: number | null;
      mutedFrom: string | null;
      mutedUntil: string | null;
    };
    const ids = provider === "postgresql" ? `= ANY($1::int[])` : `IN (${idList(provider)})`;
    const rows = await readRaw<Row[]>(
      db,
      `SELECT m."id", m."schoolId", r."roles", m."upbringingDeputy", m."learningDeputy",
              u."id" AS "userId", u."fullName", (u."chatId" IS NOT NULL) AS "hasChat", u."reachable",
              u."reminderStartHour", u."reminderEndHour", u."mutedFrom", u."mutedUntil"
         FROM "Member" m JOIN "User" u ON u."id" = m."userId"
         LEFT JOIN ${rolesByMemberSql(provider)} r ON r."memberId" = m."id"
        WHERE m."active" = ${provider === "postgresql" ? "true" : "1"}
              ${only ? `AND (m."id" ${ids} OR m."upbringingDeputy" OR m."learningDeputy" OR r."leads")` : ""}`,
      ...(only ? [provider === "postgresql" ? numberArray(only) : JSON.stringify(only)] : []),
    );
    const bySchool = new Map<number, PlanningMember[]>();
    for (const row of rows) {
      let list = bySchool.get(row.schoolId);
      if (!list) bySchool.set(row.schoolId, (list = []));
      list.push({
        memberId: row.id,
        roles: rolesFromText(row.roles),
        upbringingDeputy: truthy(row.upbringingDeputy),
        learningDeputy: truthy(row.learningDeputy),
        recipient: {
          userId: row.userId,
          fullName: row.fullName,
          reachable: truthy(row.reachable) && truthy(row.hasChat),
          reminderStartHour: row.reminderStartHour,
          reminderEndHour: row.reminderEndHour,
          mutedFrom: row.mutedFrom,
          mutedUntil: row.mutedUntil,
        },
      });
    }
    for (const list of bySchool.values()) list.sort((a, b) => a.memberId - b.memberId);
    return bySchool;
  }

  return {
    /** The distinct timezones of the schools (what "today" is, somewhere, right now). */
    async timezones(): Promise<string[]> {
      return (await db.school.findMany({ select: { timezone: true }, distinct: ["timezone"] })).map((s) => s.timezone);
    },

    /**
     * Every school as the planner needs it. With `only`, the staff holds only those members
     * (the teachers and deputies of the cases a run reads) and every deputy and director: a city
     * has 60,000 staff, and a run speaks to a fraction of them.
     */
    async planningSchools(only?: readonly number[]): Promise<PlanningSchool[]> {
      const [schools, vacations, members] = await Promise.all([
        db.school.findMany({
          select: {
            id: true,
            planningRevision: true,
            timezone: true,
            weekLength: true,
            annualDates: true,
            workStartHour: true,
            workEndHour: true,
            digestHour: true,
            hideNamesInPush: true,
            escalateToDirector: true,
          },
          orderBy: { id: "asc" },
        }),
        db.vacation.findMany({ select: { schoolId: true, fromDate: true, toDate: true }, orderBy: { fromDate: "asc" } }),
        activeMembers(only),
      ]);
      return schools.map((row) => {
        const staff = members.get(row.id) ?? [];
        const deputy = deputyInCharge(staff);
        return {
          id: row.id,
          planningRevision: row.planningRevision,
          timezone: row.timezone,
          weekLength: row.weekLength === 6 ? 6 : 5,
          vacations: vacations.filter((v) => v.schoolId === row.id).map((v) => ({ from: v.fromDate, to: v.toDate })),
          annualDates: parseAnnualDates(row.annualDates),
          hours: { workStartHour: row.workStartHour, workEndHour: row.workEndHour, digestHour: row.digestHour },
          hideNamesInPush: row.hideNamesInPush,
          escalateToDirector: row.escalateToDirector,
          ...(deputy ? { deputy: deputy.recipient } : {}),
          directors: staff.filter((m) => m.roles.includes("director")).map((m) => m.recipient),
          members: new Map(staff.map((m) => [m.memberId, m.recipient])),
          staff,
        };
      });
    },

    /**
     * The open cases, in no particular order; with `dueBy`, only those whose nextAttentionOn is
     * unknown or on or before it (decision 018). Read from Case_due_idx alone (an index-only
     * scan), so that a run never walks the cases' rows, nor those with nothing due.
     */
    async openCaseIds(dueBy?: LocalDate): Promise<DueCase[]> {
      const due = dueBy === undefined ? "" : `AND ("nextAttentionOn" IS NULL OR "nextAttentionOn" <= ${placeholders(provider)()})`;
      const rows = await readRaw<(Omit<DueCase, "attentionKnown"> & { known: unknown })[]>(
        db,
        `SELECT "id", "schoolId", "teacherId", "deputyMemberId", "revision", ("nextAttentionOn" IS NOT NULL) AS "known"
           FROM "Case" WHERE "status" = 'open' ${due}`,
        ...(dueBy === undefined ? [] : [dueBy]),
      );
      // Field by field: an object rest and spread here cost ~0.1 s for a city's 40,000 due cases.
      return rows.map((row) => ({
        id: row.id,
        schoolId: row.schoolId,
        teacherId: row.teacherId,
        deputyMemberId: row.deputyMemberId,
        revision: row.revision,
        attentionKnown: truthy(row.known),
      }));
    },

    /**
     * These cases (open ones only), in id order, with their student's name and class: one page of
     * the planner's sweep. Both are the case's own copies (decision 026): the page reads no other table.
     */
    async openCasesByIds(ids: readonly number[]): Promise<OpenCaseRow[]> {
      if (ids.length === 0) return [];
      const list = idList(provider);
      type Row = Omit<OpenCaseRow, "steps" | "attentionKnown" | "teacherMemberId"> & { teacherId: number; steps: string; known: unknown };
      const rows = await readRaw<Row[]>(
        db,
        `SELECT c."id", c."schoolId", c."regulationId", c."regulationVersion", c."teacherId", c."deputyMemberId", c."studentId",
                c."openedOn", c."revision", (c."nextAttentionOn" IS NOT NULL) AS "known", c."steps",
                c."studentName", c."classLabel"
           FROM "Case" c
          WHERE c."id" IN (${list}) AND c."status" = 'open'`,
        JSON.stringify(ids),
      );
      return rows
        .map((row) => ({
          id: row.id,
          schoolId: row.schoolId,
          regulationId: row.regulationId,
          regulationVersion: row.regulationVersion,
          teacherMemberId: row.teacherId,
          deputyMemberId: row.deputyMemberId,
          studentId: row.studentId,
          openedOn: row.openedOn,
          steps: JSON.parse(row.steps) as Record<string, StepRecord>,
          revision: row.revision,
          attentionKnown: truthy(row.known),
          studentName: row.studentName,
          classLabel: row.classLabel,
        }))
        .sort((x, y) => x.id - y.id);
    },

    /**
     * Stores what a run computed, only where nothing moved since it read: the case's revision (a
     * change resets the date) and the school's planningRevision (a calendar change resets it).
     */
    async storeAttention(rows: readonly AttentionRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = JSON.stringify(rows.slice(i, i + 5000));
        if (provider === "postgresql") {
          await writeRaw(
            db,
            `UPDATE "Case" c SET "nextAttentionOn" = x."on"
               FROM json_to_recordset($1::json) AS x("id" int, "revision" int, "planningRevision" int, "on" text), "School" s
              WHERE c."id" = x."id" AND c."revision" = x."revision" AND c."nextAttentionOn" IS NULL
                AND s."id" = c."schoolId" AND s."planningRevision" = x."planningRevision"`,
            chunk,
          );
        } else {
          await writeRaw(
            db,
            `UPDATE "Case" SET "nextAttentionOn" = x.value ->> '$.on'
               FROM json_each(?) x, "School" s
              WHERE "Case"."id" = x.value ->> '$.id' AND "Case"."revision" = x.value ->> '$.revision' AND "Case"."nextAttentionOn" IS NULL
                AND s."id" = "Case"."schoolId" AND s."planningRevision" = x.value ->> '$.planningRevision'`,
            chunk,
          );
        }
      }
    },

    /**
     * The job's half of a calendar change: the open cases of every school whose planningRevision
     * moved since the last reset lose their nextAttentionOn, to be computed again by this run.
     */
    async resetChangedSchools(): Promise<number> {
      const schools = await db.school.findMany({ select: { id: true, planningRevision: true, attentionRevision: true } });
      const changed = schools.filter((s) => s.planningRevision !== s.attentionRevision).map((s) => s.id);
      // A few schools per transaction: after a production-calendar upload every school of a city
      // is reset, 150,000 cases, which one transaction would hold for too long.
      for (let i = 0; i < changed.length; i += 25) {
        const ids = changed.slice(i, i + 25);
        const p = placeholders(provider);
        const list = ids.map(() => p()).join(", ");
        const p2 = placeholders(provider);
        const list2 = ids.map(() => p2()).join(", ");
        await db.$transaction([
          // First the school (a change committing meanwhile waits for its row, then counts again).
          db.$executeRawUnsafe(`UPDATE "School" SET "attentionRevision" = "planningRevision" WHERE "id" IN (${list})`, ...ids),
          db.$executeRawUnsafe(
            `UPDATE "Case" SET "nextAttentionOn" = NULL WHERE "schoolId" IN (${list2}) AND "status" = 'open' AND "nextAttentionOn" IS NOT NULL`,
            ...ids,
          ),
        ]);
      }
      return changed.length;
    },

    /**
     * Whether the stored dates were computed from these definitions (regulations and the built-in
     * production calendar); when not, every school counts a change and the fingerprint is stored.
     */
    async ensurePlanningBasis(fingerprint: string): Promise<boolean> {
      const stored = await db.planningBasis.findUnique({ where: { id: 1 } });
      if (stored?.fingerprint === fingerprint) return true;
      await db.$transaction([
        db.school.updateMany({ data: { planningRevision: { increment: 1 } } }),
        db.planningBasis.upsert({ where: { id: 1 }, create: { id: 1, fingerprint }, update: { fingerprint } }),
      ]);
      return false;
    },

    /** Snoozes still running on or after `from` (the few that can silence anything now). */
    async snoozesUntilAfter(from: LocalDate): Promise<SnoozeRow[]> {
      return db.snooze.findMany({ where: { until: { gt: from } }, select: { userId: true, caseId: true, stepId: true, until: true } });
    },

    async purgeSnoozes(before: LocalDate): Promise<number> {
      return (await db.snooze.deleteMany({ where: { until: { lt: before } } })).count;
    },

    async snooze(row: SnoozeRow): Promise<void> {
      const subject = await db.case.findUnique({ where: { id: row.caseId }, select: { schoolId: true } });
      if (!subject) return;
      await db.snooze.upsert({
        where: { userId_caseId_stepId: { userId: row.userId, caseId: row.caseId, stepId: row.stepId } },
        create: { ...row, schoolId: subject.schoolId },
        update: { until: row.until },
      });
    },

    /** Who is told that `userId` no longer receives messages: the school's deputy, else its director. */
    async unreachableNoticeTarget(
      schoolId: number,
      userId: number,
    ): Promise<{ recipient: PlanRecipient; subject: { fullName: string; teacher: boolean } } | undefined> {
      const members = await db.member.findMany({
        where: { schoolId, active: true },
        select: { roles: true, upbringingDeputy: true, userId: true, user: { select: recipientSelect } },
        orderBy: { id: "asc" },
      });
      const subject = members.find((m) => m.userId === userId);
      const others = members
        .filter((m) => m.userId !== userId && m.user.reachable && m.user.chatId !== null)
        .map((m) => ({ ...m, roles: rolesOf(m.roles) }));
      const target = deputyInCharge(others) ?? directorOf(others);
      if (!target) return undefined;
      const fullName =
        subject?.user.fullName ?? (await db.user.findUnique({ where: { id: userId }, select: { fullName: true } }))?.fullName ?? "";
      return {
        recipient: toRecipient(target.user),
        subject: { fullName, teacher: subject ? rolesOf(subject.roles).includes("teacher") : false },
      };
    },

    /** The school's clock and hours, for timing a notice outside the planner. */
    async schoolHours(schoolId: number): Promise<{ timezone: string; hours: SchoolHours } | undefined> {
      const row = await db.school.findUnique({
        where: { id: schoolId },
        select: { timezone: true, workStartHour: true, workEndHour: true, digestHour: true },
      });
      return row
        ? { timezone: row.timezone, hours: { workStartHour: row.workStartHour, workEndHour: row.workEndHour, digestHour: row.digestHour } }
        : undefined;
    },

    /** Where and how to write to these people. */
    async recipients(
      userIds: readonly number[],
    ): Promise<Map<number, { chatId: number | null; reachable: boolean; language: string | null }>> {
      const rows = await db.user.findMany({
        where: { id: { in: [...userIds] } },
        select: { id: true, chatId: true, reachable: true, language: true },
      });
      return new Map(
        rows.map((r) => [r.id, { chatId: r.chatId === null ? null : Number(r.chatId), reachable: r.reachable, language: r.language }]),
      );
    },

    /** Telegram refused this person: no more attempts until they press /start. True when this call changed it. */
    async markUnreachable(userId: number): Promise<boolean> {
      const p = placeholders(provider);
      return (
        (await db.$executeRawUnsafe(
          `UPDATE "User" SET "reachable" = ${p()} WHERE "id" = ${p()} AND "reachable" = ${p()}`,
          false,
          userId,
          true,
        )) > 0
      );
    },

    async moveChat(fromChatId: number, toChatId: number): Promise<void> {
      const p = placeholders(provider);
      await db.$executeRawUnsafe(`UPDATE "User" SET "chatId" = ${p()} WHERE "chatId" = ${p()}`, BigInt(toChatId), BigInt(fromChatId));
    },
  };
}

export type ReminderRepository = ReturnType<typeof createReminderRepository>;
