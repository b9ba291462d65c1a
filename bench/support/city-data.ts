import { closeCase, type CaseState } from "../../src/domain/case/index.js";
import { addDays, weekday, type LocalDate } from "../../src/domain/dates.js";
import { searchNameOf } from "../../src/domain/people/search-name.js";
import type { Role } from "../../src/domain/people/roles.js";
import type { Regulation } from "../../src/domain/regulation/schema.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";
import { createCaseProgressor, random32 } from "./case-states.js";
import { createNamePicker } from "./russian-names.js";

/*
 * A city's schools, people and cases, generated school by school and always the same: each
 * school draws from its own pseudo-random sequence, so a batch of schools can be made on its own.
 */

export const SCALES = {
  /** Moscow: ~700 schools (complexes of ~70 classes), 1.3 M students, 60 k staff, 150 k open cases. */
  city: { schools: 700, openCases: 150_000, closedCases: 15_000, provider: "postgresql" },
  /** A tenth of it: one district's schools. */
  district: { schools: 70, openCases: 15_000, closedCases: 1_500, provider: "sqlite" },
} as const;
export type ScaleName = keyof typeof SCALES;

/** The seed's "today" is the planner bench's (Tuesday 24.11.2026): cases opened over the 12 weeks before. */
export const SEED_TODAY: LocalDate = "2026-11-24";

/** Bump when the generated data changes: a database seeded by another version is rebuilt. */
export const SEED_VERSION = 1;

/** Subject teachers without a class, specialists, deputies and a director, in every school. */
const SUBJECT_TEACHERS = 10;
const SPECIALISTS = 2;
const DEPUTIES = 3;
/** Class teachers who lead a second class (two parallels of a grade). */
const TWO_CLASS_TEACHERS = 2;
/** Staff who also work in the school next door (a second membership, same user). */
const SHARED_STAFF = 3;
const LETTERS = "АБВГДЕЖЗИКЛМН";

/** The columns written, with their PostgreSQL types; dates are 'YYYY-MM-DD' text, as the app keeps them. */
export const TABLES = {
  School: [
    ["id", "int"],
    ["name", "text"],
  ],
  User: [
    ["id", "int"],
    ["telegramId", "bigint"],
    ["chatId", "bigint"],
    ["language", "text"],
    ["fullName", "text"],
    ["activeSchoolId", "int"],
  ],
  Member: [
    ["id", "int"],
    ["schoolId", "int"],
    ["userId", "int"],
    ["upbringingDeputy", "boolean"],
    ["learningDeputy", "boolean"],
  ],
  MemberRole: [
    ["memberId", "int"],
    ["schoolId", "int"],
    ["role", `"Role"`],
  ],
  SchoolClass: [
    ["id", "int"],
    ["schoolId", "int"],
    ["label", "text"],
    ["teacherId", "int"],
  ],
  Student: [
    ["id", "int"],
    ["schoolId", "int"],
    ["classId", "int"],
    ["fullName", "text"],
    ["searchName", "text"],
    ["birthDate", "text"],
    ["leftOn", "text"],
  ],
  Case: [
    ["id", "int"],
    ["schoolId", "int"],
    ["regulationId", "text"],
    ["regulationVersion", "int"],
    ["studentId", "int"],
    ["classId", "int"],
    ["teacherId", "int"],
    ["deputyMemberId", "int"],
    ["status", `"CaseStatus"`],
    ["openedOn", "text"],
    ["firstAbsenceOn", "text"],
    ["daysMissed", "int"],
    ["closedOn", "text"],
    ["closeReason", "text"],
    ["flags", "text"],
    ["steps", "text"],
    ["revision", "int"],
    ["updatedAt", "timestamp(3)"],
  ],
  /** The dialogue state of chats in the middle of a dialogue ("conv:<chat id>"). */
  Session: [
    ["key", "text"],
    ["value", "text"],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;
export type TableName = keyof typeof TABLES;
/** In the order of their foreign keys. */
export const TABLE_ORDER = Object.keys(TABLES) as TableName[];

export type Row = (string | number | boolean | null)[];
export type Batch = Record<TableName, Row[]>;

interface SchoolShape {
  classSizes: number[];
  openCases: number;
  closedCases: number;
}

/** Every school's classes and case counts, drawn up front so that the case totals come out exact. */
function schoolShapes(schools: number, openCases: number, closedCases: number): SchoolShape[] {
  const rnd = random32(7);
  const shapes = Array.from({ length: schools }, () => {
    const classes = 50 + Math.floor(rnd() * 41);
    return { classSizes: Array.from({ length: classes }, () => 22 + Math.floor(rnd() * 10)), openCases: 0, closedCases: 0 };
  });
  const students = shapes.reduce((sum, s) => sum + s.classSizes.reduce((a, b) => a + b, 0), 0);
  let seen = 0;
  let open = 0;
  let closed = 0;
  for (const shape of shapes) {
    seen += shape.classSizes.reduce((a, b) => a + b, 0);
    shape.openCases = Math.round((openCases * seen) / students) - open;
    shape.closedCases = Math.round((closedCases * seen) / students) - closed;
    open += shape.openCases;
    closed += shape.closedCases;
  }
  return shapes;
}

/** Ids of every table go up school by school; the first ids of school `index` follow from the shapes before it. */
interface Cursor {
  user: number;
  member: number;
  class: number;
  student: number;
  case: number;
}

function cursorAt(shapes: readonly SchoolShape[], index: number): Cursor {
  const c: Cursor = { user: 0, member: 0, class: 0, student: 0, case: 0 };
  shapes.slice(0, index).forEach((shape, i) => {
    const classTeachers = shape.classSizes.length - TWO_CLASS_TEACHERS;
    const staff = classTeachers + SUBJECT_TEACHERS + SPECIALISTS + DEPUTIES + 1;
    c.user += staff;
    // The first school has no school before it to share staff with.
    c.member += staff + (i > 0 ? SHARED_STAFF : 0);
    c.class += shape.classSizes.length;
    c.student += shape.classSizes.reduce((a, b) => a + b, 0);
    c.case += shape.openCases + shape.closedCases;
  });
  return c;
}

/** School days (Monday to Friday) from `from` to `to`, both counted. */
function weekdaysBetween(from: LocalDate, to: LocalDate): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) >= 1 && weekday(d) <= 5) n++;
  return n;
}

/** 1st grade: born between March of 7 years before and February of 6 years before the school year. */
function birthDate(grade: number, rnd: () => number): LocalDate {
  const heldBack = rnd() < 0.03 ? 1 : 0;
  return addDays(`${2019 - grade + 1 - heldBack}-03-01`, Math.floor(rnd() * 365));
}

const CLOSE_REASONS = ["returnedToSchool", "returnedToSchool", "returnedToSchool", "deregistered", "leftSchool"];

export function createCityGenerator(scale: ScaleName) {
  const { schools, openCases, closedCases } = SCALES[scale];
  const shapes = schoolShapes(schools, openCases, closedCases);
  const regulations = loadRegulations();
  const regulation = {
    absence: regulations.current("absence-criterion-22"),
    difficulty: regulations.current("interaction-2-difficulty"),
    council: regulations.current("interaction-4-council"),
    emergency: regulations.current("interaction-1-emergency"),
    upbringing: regulations.current("interaction-3-upbringing"),
  };
  const progress = createCaseProgressor(SEED_TODAY);
  const updatedAt = `${SEED_TODAY}T07:00:00.000Z`;

  /** Open cases: absence mostly; section II–IV of the interaction regulation; a few emergencies. */
  function openRegulation(rnd: () => number): Regulation {
    const pick = rnd();
    if (pick < 0.76) return regulation.absence;
    if (pick < 0.88) return regulation.difficulty;
    if (pick < 0.95) return regulation.council;
    if (pick < 0.99) return regulation.upbringing;
    return regulation.emergency;
  }

  /** One school's rows; `next` holds the first ids to use and is moved past them. */
  function school(index: number, next: Cursor, out: Batch, previousSchoolUsers: number[]): number[] {
    const shape = shapes[index]!;
    const schoolId = index + 1;
    const rnd = random32(1_000 + schoolId);
    const names = createNamePicker(rnd);
    out.School.push([schoolId, `ГБОУ Школа № ${schoolId + 100}`]);

    const roles = new Map<number, Role[]>();
    const newStaff = (memberRoles: Role[], flags: { upbringing?: boolean; learning?: boolean } = {}) => {
      const userId = ++next.user;
      const memberId = ++next.member;
      const telegramId = 5_000_000_000 + userId * 7;
      out.User.push([userId, telegramId, telegramId, rnd() < 0.9 ? "ru" : null, names.adult().fullName, schoolId]);
      out.Member.push([memberId, schoolId, userId, flags.upbringing ?? false, flags.learning ?? false]);
      roles.set(memberId, memberRoles);
      if (rnd() < 0.2) out.Session.push([`conv:${telegramId}`, dialogueState(rnd)]);
      return { userId, memberId };
    };

    newStaff(["director"]);
    const upbringingDeputy = newStaff(["deputy"], { upbringing: true });
    const learningDeputy = newStaff(["deputy", "teacher"], { learning: true });
    newStaff(["deputy", "admin"]);
    for (let k = 0; k < SPECIALISTS; k++) newStaff(["specialist"]);
    const subjectTeachers = Array.from({ length: SUBJECT_TEACHERS }, () => newStaff(["teacher"]).userId);
    // Staff of the school before who also work here: a second membership of the same user.
    for (const userId of previousSchoolUsers.slice(0, SHARED_STAFF)) {
      const memberId = ++next.member;
      out.Member.push([memberId, schoolId, userId, false, false]);
      roles.set(memberId, ["teacher"]);
    }

    // Classes: grades 1–11, 4–8 parallels each, lettered А, Б, В…
    const classCount = shape.classSizes.length;
    const classes: { id: number; label: string; grade: number; teacher: number }[] = [];
    const teachers: number[] = [];
    for (let c = 0; c < classCount; c++) {
      const grade = 1 + Math.floor((c * 11) / classCount);
      const parallel = c - Math.ceil(((grade - 1) * classCount) / 11);
      const teacher = c >= classCount - TWO_CLASS_TEACHERS ? teachers[c % teachers.length]! : newStaff(["teacher"]).memberId;
      if (c < classCount - TWO_CLASS_TEACHERS) teachers.push(teacher);
      const label = `${grade}${LETTERS[parallel] ?? `-${parallel + 1}`}`;
      classes.push({ id: ++next.class, label, grade, teacher });
      out.SchoolClass.push([next.class, schoolId, label, teacher]);
    }
    for (const [memberId, memberRoles] of roles) for (const role of memberRoles) out.MemberRole.push([memberId, schoolId, role]);

    // Students: ~26 a class, named, born by grade; one in 200 has left the school this term.
    const students: { id: number; classIndex: number; left: boolean }[] = [];
    classes.forEach((cls, classIndex) => {
      for (let k = 0; k < shape.classSizes[classIndex]!; k++) {
        const { fullName } = names.student();
        const left = rnd() < 0.005;
        students.push({ id: ++next.student, classIndex, left });
        out.Student.push([
          next.student,
          schoolId,
          cls.id,
          fullName,
          searchNameOf(fullName),
          birthDate(cls.grade, rnd),
          left ? addDays(SEED_TODAY, -Math.floor(rnd() * 60)) : null,
        ]);
      }
    });

    const deputyFor = (reg: Regulation): number | null => {
      if (rnd() < 0.02) return null;
      if (reg.deputy === "learning" || (reg.deputy === "ask" && rnd() < 0.6)) return learningDeputy.memberId;
      return upbringingDeputy.memberId;
    };

    const pushCase = (reg: Regulation, state: CaseState, studentId: number | null, classId: number, teacher: number) => {
      const revision = Object.values(state.steps).reduce((n, s) => n + (s.state === "open" ? 0 : 1) + s.occurrences.length, 0);
      out.Case.push([
        Number(state.id),
        schoolId,
        reg.id,
        reg.version,
        studentId,
        classId,
        teacher,
        deputyFor(reg),
        state.status,
        state.openedOn,
        state.firstAbsenceOn ?? null,
        state.daysMissed ?? null,
        state.closedOn ?? null,
        state.closeReason ?? null,
        JSON.stringify(state.flags),
        JSON.stringify(state.steps),
        revision,
        updatedAt,
      ]);
    };

    /** The subject of one case: a student (or, for a class-level regulation, a class) and its teacher. */
    const openOne = (reg: Regulation, student: (typeof students)[number] | undefined, cls: (typeof classes)[number], today: LocalDate) => {
      const window = reg === regulation.emergency ? 14 : 84;
      const openedOn = addDays(today, -Math.floor(rnd() * window));
      const absence =
        reg === regulation.absence && rnd() < 0.7
          ? (() => {
              const firstAbsenceOn = addDays(openedOn, -Math.floor(rnd() * 10));
              return { firstAbsenceOn, daysMissed: weekdaysBetween(firstAbsenceOn, openedOn) };
            })()
          : {};
      const id = String(++next.case);
      return progress(
        reg,
        {
          id,
          teacherId: String(cls.teacher),
          ...(student ? { studentId: String(student.id) } : {}),
          classLabel: cls.label,
          openedOn,
          ...absence,
        },
        rnd,
        today,
      );
    };

    // Open cases: each about another student (drawn without repeats), or another class.
    const present = students.filter((s) => !s.left);
    const freeClasses = classes.map((_, i) => i);
    for (let k = 0; k < shape.openCases; k++) {
      let reg = openRegulation(rnd);
      if (reg.subject === "class" && freeClasses.length === 0) reg = regulation.absence;
      if (reg.subject === "class") {
        const cls = classes[freeClasses.splice(Math.floor(rnd() * freeClasses.length), 1)[0]!]!;
        pushCase(reg, openOne(reg, undefined, cls, SEED_TODAY), null, cls.id, cls.teacher);
      } else {
        const pickAt = Math.floor(rnd() * present.length);
        const student = present[pickAt]!;
        present[pickAt] = present[present.length - 1]!;
        present.pop();
        const cls = classes[student.classIndex]!;
        pushCase(reg, openOne(reg, student, cls, SEED_TODAY), student.id, cls.id, cls.teacher);
      }
    }
    // Closed cases: closed within the last two months, opened up to 12 weeks before that (some students have a new one since).
    for (let k = 0; k < shape.closedCases; k++) {
      const reg = openRegulation(rnd);
      const student = reg.subject === "class" ? undefined : students[Math.floor(rnd() * students.length)]!;
      const cls = student ? classes[student.classIndex]! : classes[Math.floor(rnd() * classes.length)]!;
      const closedOn = addDays(SEED_TODAY, -Math.floor(rnd() * 60));
      let state = openOne(reg, student, cls, closedOn);
      const reason = CLOSE_REASONS[Math.floor(rnd() * CLOSE_REASONS.length)]!;
      if (state.status === "open") {
        const close = { reason, actorId: String(cls.teacher), on: closedOn, today: closedOn, gapReason: "не выходили на связь" };
        state = closeCase(reg, state, close).state;
      }
      pushCase(reg, state, student?.id ?? null, cls.id, cls.teacher);
    }
    return subjectTeachers;
  }

  return {
    shapes,
    /** The rows of schools [from, to) (0-based), all tables. */
    batch(from: number, to: number): Batch {
      const out = Object.fromEntries(TABLE_ORDER.map((t) => [t, []])) as unknown as Batch;
      const next = cursorAt(shapes, from);
      // The school before the batch is generated again only for its staff's user ids (cheap next to its cases).
      let previous: number[] = from > 0 ? previousSubjectTeachers(from - 1) : [];
      for (let i = from; i < to; i++) previous = school(i, next, out, previous);
      return out;
    },
  };

  /** The user ids of a school's first subject teachers, without generating the school. */
  function previousSubjectTeachers(index: number): number[] {
    const first = cursorAt(shapes, index).user;
    // Director, three deputies and the specialists come first, then the subject teachers.
    const start = first + 1 + DEPUTIES + SPECIALISTS;
    return Array.from({ length: SUBJECT_TEACHERS }, (_, k) => start + k + 1);
  }
}

/** A chat in the middle of a dialogue: the conversations plugin's versioned state, about a kilobyte. */
function dialogueState(rnd: () => number): string {
  const replay = Array.from({ length: 3 + Math.floor(rnd() * 6) }, (_, k) => ({
    send: { update_id: 1000 + k, message: { message_id: k, date: 1_795_000_000 + k, text: "Иванов" } },
    receive: { ok: true },
  }));
  return JSON.stringify({ version: [1, 0], state: { newCase: [{ args: "[]", interrupts: [], replay }] } });
}
