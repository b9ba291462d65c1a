import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/test-database.js";

/*
 * The queries on the hot path use an index: a test database with enough rows that a planner
 * would rather use one (several schools, thousands of people, students, cases and outbox rows),
 * then EXPLAIN for each query — SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN after ANALYZE.
 * A full scan of Member, Student, Case, Notification or CaseEvent fails the test. The SQL mirrors
 * what the repositories send (the per-update lookup and the outbox claim are raw SQL there too).
 */

const SCHOOLS = 40;
const PER_SCHOOL = { classes: 10, people: 60, students: 150, cases: 60 };
const GUARDED = ["Member", "MemberRole", "Student", "Case", "Notification", "CaseEvent", "MeetingInvitee"];

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  await p.school.createMany({ data: Array.from({ length: SCHOOLS }, (_, i) => ({ name: `Школа ${i + 1}` })) });
  const users = SCHOOLS * PER_SCHOOL.people;
  await p.user.createMany({
    data: Array.from({ length: users }, (_, i) => ({
      telegramId: BigInt(1_000_000 + i),
      chatId: BigInt(1_000_000 + i),
      fullName: `Сотрудник ${i}`,
    })),
  });
  await p.member.createMany({
    data: Array.from({ length: users }, (_, i) => ({
      schoolId: 1 + Math.floor(i / PER_SCHOOL.people),
      userId: i + 1,
    })),
  });
  await p.memberRole.createMany({
    data: Array.from({ length: users }, (_, i) => ({
      memberId: i + 1,
      schoolId: 1 + Math.floor(i / PER_SCHOOL.people),
      role: i % 10 === 0 ? ("deputy" as const) : ("teacher" as const),
    })),
  });
  await p.schoolClass.createMany({
    data: Array.from({ length: SCHOOLS * PER_SCHOOL.classes }, (_, i) => ({
      schoolId: 1 + Math.floor(i / PER_SCHOOL.classes),
      label: `${5 + (i % PER_SCHOOL.classes)}А`,
      teacherId: i + 1,
    })),
  });
  await p.student.createMany({
    data: Array.from({ length: SCHOOLS * PER_SCHOOL.students }, (_, i) => {
      const school = Math.floor(i / PER_SCHOOL.students);
      return {
        schoolId: school + 1,
        classId: school * PER_SCHOOL.classes + (i % PER_SCHOOL.classes) + 1,
        fullName: `Ученик${i} Пётр`,
        searchName: `ученик${i} петр`,
      };
    }),
  });
  await p.case.createMany({
    data: Array.from({ length: SCHOOLS * PER_SCHOOL.cases }, (_, i) => {
      const school = Math.floor(i / PER_SCHOOL.cases);
      return {
        schoolId: school + 1,
        regulationId: "absence-criterion-22",
        regulationVersion: 1,
        studentId: school * PER_SCHOOL.students + (i % PER_SCHOOL.students) + 1,
        teacherId: school * PER_SCHOOL.people + 1,
        status: i % 4 === 0 ? "open" : "closed",
        openedOn: "2026-11-02",
        // As the planner leaves them: most open cases have nothing due for days, a few are unknown.
        nextAttentionOn: i % 40 === 0 ? null : `2026-11-${String(3 + (i % 20)).padStart(2, "0")}`,
      };
    }),
  });
  const cases = SCHOOLS * PER_SCHOOL.cases;
  await p.caseEvent.createMany({
    data: Array.from({ length: cases * 3 }, (_, i) => ({
      schoolId: 1 + Math.floor((i % cases) / PER_SCHOOL.cases),
      caseId: (i % cases) + 1,
      type: "stepCompleted",
      on: "2026-11-03",
    })),
  });
  await p.notification.createMany({
    data: Array.from({ length: users * 2 }, (_, i) => ({
      schoolId: 1 + Math.floor((i % users) / PER_SCHOOL.people),
      userId: (i % users) + 1,
      key: `k${i}`,
      kind: "notice",
      notBefore: new Date("2026-11-02T08:00:00Z"),
      status: i % 50 === 0 ? "pending" : "sent",
      sentAt: new Date("2026-11-02T08:00:01Z"),
    })),
  });
  const meetings = 400;
  await p.meeting.createMany({
    data: Array.from({ length: meetings }, (_, i) => ({
      schoolId: 1 + (i % SCHOOLS),
      kind: "parents",
      startsAt: new Date("2026-11-25T12:00:00Z"),
      organizerMemberId: (i % SCHOOLS) * PER_SCHOOL.people + 1 + (i % PER_SCHOOL.people),
    })),
  });
  await p.meetingInvitee.createMany({
    data: Array.from({ length: meetings * 5 }, (_, i) => ({
      schoolId: 1 + ((i % meetings) % SCHOOLS),
      meetingId: 1 + (i % meetings),
      // A member of the meeting's school, five different ones per meeting.
      memberId: ((i % meetings) % SCHOOLS) * PER_SCHOOL.people + 1 + ((i * 7 + Math.floor(i / meetings)) % PER_SCHOOL.people),
    })),
  });
  // Statistics and the visibility map, as autovacuum keeps them on a live database: the planners
  // choose with row counts in hand, and PostgreSQL reads an index alone only where pages are all-visible.
  await p.$executeRawUnsafe(testProvider === "postgresql" ? "VACUUM ANALYZE" : "ANALYZE");
}, 60_000);

afterAll(async () => {
  await db.destroy();
});

async function plan(sql: string): Promise<string[]> {
  if (testProvider === "postgresql") {
    const rows = await db.prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`);
    return rows.map((r) => r["QUERY PLAN"]);
  }
  const rows = await db.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
  return rows.map((r) => r.detail);
}

/**
 * The full scans in a plan, as table names (aliases resolved through `aliases`). On SQLite a
 * skip-scan (`ANY(col)`: no index leads with the column) and an automatic index (built for the
 * query) count too: both read the whole index or table, once per lookup.
 */
function fullScans(lines: readonly string[], aliases: Record<string, string> = {}): string[] {
  const found: string[] = [];
  for (const line of lines) {
    const pg = /Seq Scan on "?(\w+)"?/.exec(line);
    const lite = /^SCAN (\w+)/.exec(line.trim()) ?? /^SEARCH (\w+) USING (?:AUTOMATIC |.*\(ANY\()/.exec(line.trim());
    const name = pg?.[1] ?? lite?.[1];
    if (!name) continue;
    const table = aliases[name] ?? name;
    if (GUARDED.includes(table)) found.push(table);
  }
  return found;
}

const HOT_QUERIES: { name: string; sql: string; aliases?: Record<string, string> }[] = [
  {
    name: "the per-update sender lookup (user, memberships, dialogue state)",
    sql: `SELECT u."id", m."id", m."schoolId", (SELECT count(*) FROM "MemberRole" r WHERE r."memberId" = m."id"), s."value" FROM (SELECT 1 AS "one") AS "x" LEFT JOIN "User" u ON u."telegramId" = 1000123 LEFT JOIN "Member" m ON m."userId" = u."id" LEFT JOIN "Session" s ON s."key" = 'conv:1000123' ORDER BY m."id"`,
    aliases: { u: "User", m: "Member", s: "Session" },
  },
  {
    name: "the surname lookup in a school",
    sql: `SELECT "id", "fullName", "classId" FROM "Student" WHERE "schoolId" = 7 AND "searchName" LIKE 'ученик10%' ORDER BY "searchName" LIMIT 10`,
  },
  { name: "a class page", sql: `SELECT "id", "fullName" FROM "Student" WHERE "schoolId" = 7 AND "classId" = 65 ORDER BY "searchName"` },
  { name: "a teacher's classes", sql: `SELECT "id", "label" FROM "SchoolClass" WHERE "schoolId" = 7 AND "teacherId" = 65` },
  {
    name: "the planner's page of open cases",
    sql: `SELECT "id", "schoolId", "steps" FROM "Case" WHERE "status" = 'open' AND "id" > 1200 ORDER BY "id" LIMIT 500`,
  },
  {
    name: "the sender's claim of due rows, paced per chat",
    sql:
      `SELECT n."id" FROM "Notification" n WHERE n."status" IN ('pending', 'sending') AND n."notBefore" <= '2026-11-03T08:00:00Z' ` +
      `AND (n."leaseUntil" IS NULL OR n."leaseUntil" <= '2026-11-03T08:00:00Z') AND n."urgent" = false ` +
      `AND NOT EXISTS (SELECT 1 FROM "Notification" o WHERE o."userId" = n."userId" AND o."claimedBy" <> 'me' AND ((o."status" = 'sending' AND o."leaseUntil" > '2026-11-03T08:00:00Z') OR (o."status" = 'sent' AND o."sentAt" > '2026-11-03T07:59:59Z'))) ` +
      `ORDER BY n."urgent" DESC, n."notBefore", n."id" LIMIT 50`,
    aliases: { n: "Notification", o: "Notification" },
  },
  {
    name: "the deputy's open cases of the school",
    sql: `SELECT "id", "studentId", "teacherId" FROM "Case" WHERE "schoolId" = 7 AND "status" = 'open'`,
  },
  { name: "a teacher's open cases", sql: `SELECT "id" FROM "Case" WHERE "schoolId" = 7 AND "teacherId" = 361 AND "status" = 'open'` },
  { name: "a case's chronology", sql: `SELECT "id", "type", "on" FROM "CaseEvent" WHERE "caseId" = 77 ORDER BY "id"` },
  { name: "a person's meeting invitations", sql: `SELECT "meetingId", "status" FROM "MeetingInvitee" WHERE "memberId" = 99` },
];

describe("the hot queries use indexes", () => {
  it.each(HOT_QUERIES)("$name", async ({ sql, aliases }) => {
    const lines = await plan(sql);
    expect(fullScans(lines, aliases), lines.join("\n")).toEqual([]);
  });

  it("the planner's list of due cases reads the covering index alone, never the cases' wide rows", async () => {
    const lines = await plan(
      `SELECT "id", "schoolId", "teacherId", "deputyMemberId", "revision", ("nextAttentionOn" IS NOT NULL) AS "known" FROM "Case" ` +
        `WHERE "status" = 'open' AND ("nextAttentionOn" IS NULL OR "nextAttentionOn" <= '2026-11-05')`,
    );
    const read = testProvider === "postgresql" ? /Index Only Scan using "?Case_due_idx"? on "?Case"?/ : /USING COVERING INDEX Case_due_idx/;
    expect(
      lines.some((line) => read.test(line)),
      lines.join("\n"),
    ).toBe(true);
  });

  it("would notice a full scan (a query on a column without an index)", async () => {
    const lines = await plan(`SELECT "id" FROM "Student" WHERE "fullName" = 'Ученик5 Пётр'`);
    expect(fullScans(lines)).toEqual(["Student"]);
  });
});
