import type { Db } from "../db/open-database.js";
import { roleRows, rolesOf } from "./member-roles.js";
import { MissingRowError } from "./missing-row-error.js";
import type { Role } from "../domain/people/roles.js";
import { searchNameOf } from "../domain/people/search-name.js";
import { parseProductionYear } from "../calendar/load-production-calendar.js";
import type { ProductionYear } from "../domain/calendar/production-calendar.js";
import { createSchoolCalendar, type Vacation, type WeekLength } from "../domain/calendar/school-calendar.js";
import type { SchoolDays } from "../domain/calendar/types.js";
import type { AnnualDate } from "../domain/case/index.js";
import type { LocalDate } from "../domain/dates.js";
import { placeholders, providerOfClient } from "./outbox-repository.js";
import { readRaw } from "../db/raw-sql.js";

/** What deadlines depend on: the school's week, vacations, timezone and its own annual dates. */
export interface SchoolCalendarSettings {
  id: number;
  name: string;
  timezone: string;
  weekLength: WeekLength;
  vacations: Vacation[];
  annualDates: Record<string, AnnualDate>;
  /** Bumped by every change of the week, the vacations, the settings or an uploaded production year. */
  planningRevision?: number;
}

export interface StudentRecord {
  id: number;
  fullName: string;
  classId: number;
  classLabel: string;
  /** Set when the student has left the school. */
  leftOn?: string;
}

export interface StudentProfile {
  id: number;
  fullName: string;
  classLabel: string;
  birthDate?: LocalDate;
  schoolName: string;
  /** The school's requisites ("" until the admin sets them). */
  officialName: string;
  directorName: string;
  timezone: string;
}

export interface MemberRecord {
  id: number;
  userId: number;
  fullName: string;
  roles: Role[];
  active: boolean;
  upbringingDeputy: boolean;
}

export interface CreateSchoolOptions {
  name: string;
  timezone?: string;
  weekLength?: WeekLength;
  vacations?: readonly (Vacation & { name?: string })[];
  annualDates?: Record<string, AnnualDate>;
}

export { searchNameOf };

/*
 * A school calendar is read-only and costs its year tables on first use, and the deadlines derived
 * with it are memoised per calendar object (derive-steps): one per distinct week, vacations and
 * uploaded years, kept across requests, instead of a new one for every card and lookup.
 */
const CALENDARS_MAX = 2_000;
const calendars = new WeakMap<readonly ProductionYear[], Map<string, SchoolDays>>();
function cachedCalendar(builtinYears: readonly ProductionYear[], key: string, make: () => SchoolDays): SchoolDays {
  let byKey = calendars.get(builtinYears);
  if (!byKey || byKey.size > CALENDARS_MAX) calendars.set(builtinYears, (byKey = new Map()));
  let calendar = byKey.get(key);
  if (!calendar) byKey.set(key, (calendar = make()));
  return calendar;
}

/*
 * What a school's calendar is made of besides its own row: its vacations and the uploaded
 * production years. Every change of either bumps the school's planningRevision (decision 018),
 * so a request that reads the school's row (one statement, as it must for the timezone) reuses
 * them while the revision is the one they were read at. Per client: each database has its own.
 */
interface CalendarRows {
  revision: number;
  vacations: Vacation[];
  uploaded?: { year: number; updatedAt: Date; data: string }[];
}
const CALENDAR_ROWS_MAX = 10_000;
const calendarRows = new WeakMap<object, Map<number, CalendarRows>>();
function calendarRowsOf(db: Db): Map<number, CalendarRows> {
  let bySchool = calendarRows.get(db);
  if (!bySchool || bySchool.size > CALENDAR_ROWS_MAX) calendarRows.set(db, (bySchool = new Map()));
  return bySchool;
}

/** The built-in years with uploaded ones replacing a built-in year of the same number, by year. */
export function mergeProductionYears(builtin: readonly ProductionYear[], uploaded: readonly ProductionYear[]): ProductionYear[] {
  const byYear = new Map<number, ProductionYear>();
  for (const year of builtin) byYear.set(year.year, year);
  for (const year of uploaded) byYear.set(year.year, year);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

function parseAnnualDates(json: string): Record<string, AnnualDate> {
  const value: unknown = JSON.parse(json);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, AnnualDate>) : {};
}

export function createSchoolRepository(db: Db) {
  const provider = providerOfClient(db);
  const repository = {
    async calendarSettings(schoolId: number): Promise<SchoolCalendarSettings | undefined> {
      // Raw: read on every update that shows a date (the planner's revision says whether the rest is still good).
      const [raw] = await readRaw<
        { id: unknown; name: string; timezone: string; weekLength: unknown; annualDates: string; planningRevision: unknown }[]
      >(
        db,
        `SELECT "id", "name", "timezone", "weekLength", "annualDates", "planningRevision" FROM "School" WHERE "id" = ${placeholders(provider)()}`,
        schoolId,
      );
      if (!raw) return undefined;
      const row = {
        ...raw,
        id: Number(raw.id),
        weekLength: Number(raw.weekLength),
        planningRevision: Number(raw.planningRevision),
      };
      const known = calendarRowsOf(db).get(row.id);
      let vacations = known?.revision === row.planningRevision ? known.vacations : undefined;
      if (!vacations) {
        const rows = await db.vacation.findMany({
          where: { schoolId: row.id },
          select: { fromDate: true, toDate: true },
          orderBy: { fromDate: "asc" },
        });
        vacations = rows.map((v) => ({ from: v.fromDate, to: v.toDate }));
        calendarRowsOf(db).set(row.id, { revision: row.planningRevision, vacations });
      }
      return {
        id: row.id,
        name: row.name,
        timezone: row.timezone,
        weekLength: row.weekLength === 6 ? 6 : 5,
        vacations,
        annualDates: parseAnnualDates(row.annualDates),
        planningRevision: row.planningRevision,
      };
    },

    /** Years an admin uploaded; each was validated on upload and is checked again here. */
    async uploadedProductionYears(): Promise<ProductionYear[]> {
      const rows = await db.productionYear.findMany({ orderBy: { year: "asc" } });
      return rows.map((row) => parseProductionYear(JSON.parse(row.data), `ProductionYear ${row.year}`));
    },

    /** Uploaded years as stored, unchecked (the command line reports a bad row rather than failing on it). */
    async productionYearRows(): Promise<{ year: number; updatedAt: Date; data: string }[]> {
      return db.productionYear.findMany({ select: { year: true, updatedAt: true, data: true }, orderBy: { year: "asc" } });
    },

    /** The school's week, timezone and vacations as stored, unchecked (the command line names what is wrong). */
    async storedCalendar(
      schoolId: number,
    ): Promise<
      { weekLength: number; timezone: string; vacations: { name: string | null; fromDate: string; toDate: string }[] } | undefined
    > {
      const row = await db.school.findUnique({
        where: { id: schoolId },
        select: { weekLength: true, timezone: true, vacations: { select: { name: true, fromDate: true, toDate: true } } },
      });
      return row ?? undefined;
    },

    async schoolExists(schoolId: number): Promise<boolean> {
      return (await db.school.findUnique({ where: { id: schoolId }, select: { id: true } })) !== null;
    },

    /** The first `take` school ids, to name in an error message. */
    async schoolIds(take: number): Promise<number[]> {
      return (await db.school.findMany({ select: { id: true }, orderBy: { id: "asc" }, take })).map((s) => s.id);
    },

    /** The school's settings and its school days; `builtinYears` are the shipped calendar files. */
    async schoolDays(
      schoolId: number,
      builtinYears: readonly ProductionYear[],
    ): Promise<{ settings: SchoolCalendarSettings; calendar: SchoolDays } | undefined> {
      const settings = await repository.calendarSettings(schoolId);
      if (!settings) return undefined;
      return { settings, calendar: await repository.calendarOf(settings, builtinYears) };
    },

    /** The school days of settings already read (the week and vacations), with the uploaded production years. */
    async calendarOf(
      settings: Pick<SchoolCalendarSettings, "weekLength" | "vacations"> & Partial<Pick<SchoolCalendarSettings, "id" | "planningRevision">>,
      builtinYears: readonly ProductionYear[],
    ): Promise<SchoolDays> {
      // Read with the school's revision: the uploaded years as of it, when this process has them.
      const known = settings.id !== undefined ? calendarRowsOf(db).get(settings.id) : undefined;
      const current = known !== undefined && known.revision === settings.planningRevision ? known : undefined;
      let uploaded = current?.uploaded;
      if (!uploaded) {
        uploaded = await db.productionYear.findMany({ select: { year: true, updatedAt: true, data: true }, orderBy: { year: "asc" } });
        if (current) current.uploaded = uploaded;
      }
      const key = JSON.stringify([settings.weekLength, settings.vacations, uploaded.map((row) => [row.year, row.updatedAt.getTime()])]);
      return cachedCalendar(builtinYears, key, () => {
        const years = uploaded.map((row) => parseProductionYear(JSON.parse(row.data), `ProductionYear ${row.year}`));
        const productionYears = mergeProductionYears(builtinYears, years);
        return createSchoolCalendar({ weekLength: settings.weekLength, vacations: settings.vacations, productionYears });
      });
    },

    /** The installation's first school, for notices that belong to no school in particular. */
    async firstSchoolId(): Promise<number | undefined> {
      return (await db.school.findFirst({ select: { id: true }, orderBy: { id: "asc" } }))?.id;
    },

    async findStudent(schoolId: number, studentId: number): Promise<StudentRecord | undefined> {
      // One statement with the class joined (a card reads it on every press).
      const p = placeholders(provider);
      const [row] = await readRaw<{ id: unknown; fullName: string; classId: unknown; leftOn: string | null; label: string }[]>(
        db,
        `SELECT s."id", s."fullName", s."classId", s."leftOn", k."label" FROM "Student" s JOIN "SchoolClass" k ON k."id" = s."classId" ` +
          `WHERE s."id" = ${p()} AND s."schoolId" = ${p()}`,
        studentId,
        schoolId,
      );
      if (!row) return undefined;
      return {
        id: Number(row.id),
        fullName: row.fullName,
        classId: Number(row.classId),
        classLabel: row.label,
        ...(row.leftOn ? { leftOn: row.leftOn } : {}),
      };
    },

    /** What the head of a student's case file says: the school, the student, the class, the date of birth. */
    async studentProfile(schoolId: number, studentId: number): Promise<StudentProfile | undefined> {
      const row = await db.student.findFirst({
        where: { id: studentId, schoolId },
        select: {
          id: true,
          fullName: true,
          birthDate: true,
          class: { select: { label: true } },
          school: { select: { name: true, officialName: true, directorName: true, timezone: true } },
        },
      });
      if (!row) return undefined;
      return {
        id: row.id,
        fullName: row.fullName,
        classLabel: row.class.label,
        ...(row.birthDate ? { birthDate: row.birthDate } : {}),
        schoolName: row.school.name,
        officialName: row.school.officialName,
        directorName: row.school.directorName,
        timezone: row.school.timezone,
      };
    },

    async findClass(schoolId: number, classId: number): Promise<{ id: number; label: string } | undefined> {
      return (await db.schoolClass.findFirst({ where: { id: classId, schoolId }, select: { id: true, label: true } })) ?? undefined;
    },

    async findMember(schoolId: number, memberId: number): Promise<MemberRecord | undefined> {
      const row = await db.member.findFirst({
        where: { id: memberId, schoolId },
        select: { id: true, userId: true, roles: true, active: true, upbringingDeputy: true, user: { select: { fullName: true } } },
      });
      if (!row) return undefined;
      const { user, roles, ...rest } = row;
      return { ...rest, fullName: user.fullName, roles: rolesOf(roles) };
    },

    /** Members with what their post is made of (roles, the deputies' flags, their classes), in the order of `memberIds`. */
    async memberPosts(
      schoolId: number,
      memberIds: readonly number[],
    ): Promise<
      {
        id: number;
        userId: number;
        fullName: string;
        roles: Role[];
        upbringingDeputy: boolean;
        learningDeputy: boolean;
        classLabels: string[];
      }[]
    > {
      if (memberIds.length === 0) return [];
      const rows = await db.member.findMany({
        where: { schoolId, id: { in: [...new Set(memberIds)] } },
        select: {
          id: true,
          userId: true,
          roles: true,
          upbringingDeputy: true,
          learningDeputy: true,
          user: { select: { fullName: true } },
          classes: { select: { label: true } },
        },
      });
      const byId = new Map(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            userId: r.userId,
            fullName: r.user.fullName,
            roles: rolesOf(r.roles),
            upbringingDeputy: r.upbringingDeputy,
            learningDeputy: r.learningDeputy,
            classLabels: r.classes.map((c) => c.label),
          },
        ]),
      );
      return [...new Set(memberIds)].flatMap((id) => {
        const member = byId.get(id);
        return member ? [member] : [];
      });
    },

    /** Full names of the school's members, by member id (as a string, like the domain's ids). */
    async memberNames(schoolId: number, memberIds: readonly number[]): Promise<Record<string, string>> {
      if (memberIds.length === 0) return {};
      // One statement with the user joined (a card names its teacher and chronology on every press).
      const ids = provider === "postgresql" ? `SELECT (json_array_elements_text($2::json))::int` : `SELECT value FROM json_each(?)`;
      const rows = await readRaw<{ id: unknown; fullName: string }[]>(
        db,
        `SELECT m."id", u."fullName" FROM "Member" m JOIN "User" u ON u."id" = m."userId" ` +
          `WHERE m."schoolId" = ${provider === "postgresql" ? "$1" : "?"} AND m."id" IN (${ids})`,
        schoolId,
        JSON.stringify([...new Set(memberIds)]),
      );
      return Object.fromEntries(rows.map((r) => [String(Number(r.id)), r.fullName]));
    },

    async createSchool(options: CreateSchoolOptions): Promise<number> {
      const row = await db.school.create({
        data: {
          name: options.name,
          ...(options.timezone ? { timezone: options.timezone } : {}),
          ...(options.weekLength ? { weekLength: options.weekLength } : {}),
          annualDates: JSON.stringify(options.annualDates ?? {}),
          vacations: {
            create: (options.vacations ?? []).map((v) => ({ name: v.name ?? "", fromDate: v.from, toDate: v.to })),
          },
        },
        select: { id: true },
      });
      return row.id;
    },

    async createClass(schoolId: number, label: string, teacherMemberId?: number): Promise<number> {
      const row = await db.schoolClass.create({
        data: { schoolId, label: label.trim(), teacherId: teacherMemberId ?? null },
        select: { id: true },
      });
      return row.id;
    },

    async addStudent(schoolId: number, classId: number, fullName: string, birthDate?: LocalDate): Promise<number> {
      if (!(await repository.findClass(schoolId, classId))) throw new MissingRowError(`no class ${classId} in school ${schoolId}`);
      const name = fullName.trim().replace(/\s+/g, " ");
      const row = await db.student.create({
        data: { schoolId, classId, fullName: name, searchName: searchNameOf(name), birthDate: birthDate ?? null },
        select: { id: true },
      });
      return row.id;
    },

    async addMember(
      schoolId: number,
      userId: number,
      roles: readonly Role[],
      options: { upbringingDeputy?: boolean } = {},
    ): Promise<number> {
      const row = await db.member.create({
        data: { schoolId, userId, roles: roleRows(roles), upbringingDeputy: options.upbringingDeputy ?? false },
        select: { id: true },
      });
      return row.id;
    },
  };
  return repository;
}

export type SchoolRepository = ReturnType<typeof createSchoolRepository>;
