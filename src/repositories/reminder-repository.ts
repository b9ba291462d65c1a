import type { Db } from "../db/open-database.js";
import { rolesFromText, rolesOf, rolesTextSql } from "./member-roles.js";
import { deputyInCharge, directorOf, type Role, type StaffRoles } from "../domain/people/roles.js";
import type { Vacation, WeekLength } from "../domain/calendar/school-calendar.js";
import type { AnnualDate, StepRecord } from "../domain/case/index.js";
import type { LocalDate } from "../domain/dates.js";
import type { SchoolHours } from "../domain/reminders/delivery-window.js";
import type { PlanRecipient } from "../domain/reminders/plan-reminders.js";
import { placeholders, providerOfClient, type Provider } from "./outbox-repository.js";

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
}

/** A case's first date of attention as a planner run computed it, from the case and school revisions it read. */
export interface AttentionRow {
  id: number;
  revision: number;
  planningRevision: number;
  on: LocalDate;
}

/** Who or what a case is about, as a push may name it. */
export interface CaseSubject {
  studentName: string | null;
  classLabel: string | null;
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

/** SQL that builds JSON text on either provider: a quoted string, a number or null, a JSON array of items. */
function jsonText(provider: Provider) {
  const postgres = provider === "postgresql";
  return {
    quote: (column: string) => (postgres ? `coalesce(to_json(${column})::text, 'null')` : `json_quote(${column})`),
    orNull: (column: string) => (postgres ? `coalesce(${column}::text, 'null')` : `ifnull(${column}, 'null')`),
    aggregate: (item: string, orderBy: string) =>
      postgres
        ? `'[' || coalesce(string_agg(${item}, ',' ORDER BY ${orderBy}), '') || ']'`
        : `'[' || ifnull(group_concat(${item}, ','), '') || ']'`,
  };
}

export function createReminderRepository(db: Db) {
  const provider = providerOfClient(db);

  /** Every active member with their user, by school, in member order (one JSON text: thousands of rows). */
  async function activeMembers(): Promise<Map<number, PlanningMember[]>> {
    const { quote: q, orNull: n, aggregate } = jsonText(provider);
    const flag = provider === "postgresql" ? (column: string) => `(CASE WHEN ${column} THEN 1 ELSE 0 END)` : (column: string) => column;
    const item =
      `'[' || m."id" || ',' || m."schoolId" || ',' || ${q(rolesTextSql(provider, `m."id"`))} || ',' || ${flag(`m."upbringingDeputy"`)} || ',' || ${flag(`m."learningDeputy"`)} || ',' || u."id" || ',' || ${q(`u."fullName"`)} || ',' || ` +
      `(CASE WHEN u."chatId" IS NULL THEN 0 ELSE 1 END) || ',' || ${flag(`u."reachable"`)} || ',' || ${n(`u."reminderStartHour"`)} || ',' || ${n(`u."reminderEndHour"`)} || ',' || ` +
      `${q(`u."mutedFrom"`)} || ',' || ${q(`u."mutedUntil"`)} || ']'`;
    const all = aggregate(item, `m."id"`);
    const [row] = await db.$queryRawUnsafe<{ members: string }[]>(
      `SELECT ${all} AS "members" FROM "Member" m JOIN "User" u ON u."id" = m."userId" WHERE m."active" = ${provider === "postgresql" ? "true" : "1"}`,
    );
    type Cells = [
      number,
      number,
      string,
      number,
      number,
      number,
      string,
      number,
      number,
      number | null,
      number | null,
      string | null,
      string | null,
    ];
    const bySchool = new Map<number, PlanningMember[]>();
    const cells = (JSON.parse(row?.members ?? "[]") as Cells[]).sort((a, b) => a[0] - b[0]);
    for (const [
      memberId,
      schoolId,
      roles,
      upbringing,
      learning,
      userId,
      fullName,
      hasChat,
      reachable,
      start,
      end,
      mutedFrom,
      mutedUntil,
    ] of cells) {
      const list = bySchool.get(schoolId) ?? [];
      list.push({
        memberId,
        roles: rolesFromText(roles),
        upbringingDeputy: upbringing === 1,
        learningDeputy: learning === 1,
        recipient: {
          userId,
          fullName,
          reachable: reachable === 1 && hasChat === 1,
          reminderStartHour: start,
          reminderEndHour: end,
          mutedFrom,
          mutedUntil,
        },
      });
      bySchool.set(schoolId, list);
    }
    return bySchool;
  }

  return {
    async planningSchools(): Promise<PlanningSchool[]> {
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
        activeMembers(),
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
     * Open cases with ids above `afterId`, in id order: one page of the planner's sweep; with
     * `dueBy`, only those whose nextAttentionOn is unknown or on or before it. The page comes back
     * as one JSON text the database concatenates (the stored steps JSON pasted in as it is):
     * decoding a thousand rows cell by cell costs the client far more than the query.
     */
    async openCasesAfter(afterId: number, take: number, dueBy?: LocalDate): Promise<OpenCaseRow[]> {
      const p = placeholders(provider);
      const { quote, orNull, aggregate } = jsonText(provider);
      const item =
        `'[' || c."id" || ',' || c."schoolId" || ',' || ${quote(`c."regulationId"`)} || ',' || c."regulationVersion" || ',' || c."teacherId" || ',' || ${orNull(`c."deputyMemberId"`)} || ',' || ` +
        `${orNull(`c."studentId"`)} || ',' || ${quote(`c."openedOn"`)} || ',' || c."revision" || ',' || (CASE WHEN c."nextAttentionOn" IS NULL THEN 0 ELSE 1 END) || ',' || c."steps" || ']'`;
      const due = dueBy === undefined ? "" : `AND ("nextAttentionOn" IS NULL OR "nextAttentionOn" <= ${p()})`;
      const afterParam = p();
      const takeParam = p();
      const [row] = await db.$queryRawUnsafe<{ page: string }[]>(
        `SELECT ${aggregate(item, `c."id"`)} AS "page"
           FROM (SELECT "id", "schoolId", "regulationId", "regulationVersion", "teacherId", "deputyMemberId", "studentId", "openedOn", "revision", "nextAttentionOn", "steps"
                   FROM "Case" WHERE "status" = 'open' ${due} AND "id" > ${afterParam} ORDER BY "id" LIMIT ${takeParam}) c`,
        ...(dueBy === undefined ? [] : [dueBy]),
        afterId,
        take,
      );
      type Cells = [
        number,
        number,
        string,
        number,
        number,
        number | null,
        number | null,
        string,
        number,
        0 | 1,
        Record<string, StepRecord>,
      ];
      const cells = JSON.parse(row?.page ?? "[]") as Cells[];
      cells.sort((a, b) => a[0] - b[0]);
      return cells.map(
        ([
          id,
          schoolId,
          regulationId,
          regulationVersion,
          teacherMemberId,
          deputyMemberId,
          studentId,
          openedOn,
          revision,
          known,
          steps,
        ]) => ({
          id,
          schoolId,
          regulationId,
          regulationVersion,
          teacherMemberId,
          deputyMemberId,
          studentId,
          openedOn,
          steps,
          revision,
          attentionKnown: known === 1,
        }),
      );
    },

    /**
     * Stores what a run computed, only where nothing moved since it read: the case's revision (a
     * change resets the date) and the school's planningRevision (a calendar change resets it).
     */
    async storeAttention(rows: readonly AttentionRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = JSON.stringify(rows.slice(i, i + 5000));
        if (provider === "postgresql") {
          await db.$executeRawUnsafe(
            `UPDATE "Case" c SET "nextAttentionOn" = x."on"
               FROM json_to_recordset($1::json) AS x("id" int, "revision" int, "planningRevision" int, "on" text), "School" s
              WHERE c."id" = x."id" AND c."revision" = x."revision" AND c."nextAttentionOn" IS NULL
                AND s."id" = c."schoolId" AND s."planningRevision" = x."planningRevision"`,
            chunk,
          );
        } else {
          await db.$executeRawUnsafe(
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
      const changed = schools.filter((s) => s.planningRevision !== s.attentionRevision);
      if (changed.length === 0) return 0;
      await db.$transaction([
        db.case.updateMany({ where: { schoolId: { in: changed.map((s) => s.id) }, status: "open" }, data: { nextAttentionOn: null } }),
        ...changed.map((s) => db.school.update({ where: { id: s.id }, data: { attentionRevision: s.planningRevision } })),
      ]);
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

    /** The student and class of these cases (only those a run has something to say about). */
    async subjectsOf(caseIds: readonly number[]): Promise<Map<number, CaseSubject>> {
      if (caseIds.length === 0) return new Map();
      const { quote, aggregate } = jsonText(provider);
      const ids = provider === "postgresql" ? `SELECT (json_array_elements_text($1::json))::int` : `SELECT value FROM json_each(?)`;
      const item = `'[' || c."id" || ',' || ${quote(`s."fullName"`)} || ',' || ${quote(`k."label"`)} || ']'`;
      const [row] = await db.$queryRawUnsafe<{ subjects: string }[]>(
        `SELECT ${aggregate(item, `c."id"`)} AS "subjects"
           FROM "Case" c
           LEFT JOIN "Student" s ON s."id" = c."studentId"
           LEFT JOIN "SchoolClass" k ON k."id" = c."classId"
          WHERE c."id" IN (${ids})`,
        JSON.stringify(caseIds),
      );
      const cells = JSON.parse(row?.subjects ?? "[]") as [number, string | null, string | null][];
      return new Map(cells.map(([id, studentName, classLabel]) => [id, { studentName, classLabel }]));
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
