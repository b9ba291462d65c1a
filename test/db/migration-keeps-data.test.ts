import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../src/db/migrate.js";
import { openDatabase, type Database as OpenDatabase } from "../../src/db/open-database.js";
import { parseRoles } from "../../src/domain/people/roles.js";
import { rolesOf } from "../../src/repositories/member-roles.js";
import { createUserRepository } from "../../src/repositories/user-repository.js";
import { eraseSchool } from "../../src/app/admin/erase-school.js";
import { adminQuery, urlWithDatabase } from "../support/postgres-admin.js";
import { testDatabaseUrl, testProvider } from "../support/test-database.js";

/*
 * The migration to relations, enums and the roles table, run on a database that the previous
 * release filled: test/db/fixtures/pre-relations.json holds every table as that code wrote it
 * (two schools, made through its use cases; see the fixture's `madeBy`). Nothing may be lost:
 * every row and every value comes through, roles become rows, and the new columns are filled.
 */

type Value = string | number | null;
interface FixtureTable {
  name: string;
  columns: Record<string, string>;
  rows: Value[][];
}
const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "fixtures/pre-relations.json"), "utf8")) as {
  lastMigration: string;
  tables: FixtureTable[];
};
const table = (name: string) => fixture.tables.find((t) => t.name === name)!;
const records = (name: string) => {
  const t = table(name);
  const names = Object.keys(t.columns);
  return t.rows.map((row) => Object.fromEntries(names.map((column, i) => [column, row[i]])) as Record<string, Value>);
};

/** Raw reads of the migrated database, the same on both providers. */
interface Raw {
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

let url: string;
let raw: Raw;
let cleanup: () => Promise<void>;

async function fillSqlite(file: string) {
  const db = new Database(file);
  db.pragma("foreign_keys = OFF");
  for (const t of fixture.tables) {
    const names = Object.keys(t.columns);
    const insert = db.prepare(
      `INSERT INTO "${t.name}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
    );
    for (const row of t.rows) insert.run(...row);
  }
  db.close();
}

/** SQLite's storage forms as PostgreSQL takes them: 0/1 for booleans, ISO text for timestamps. */
async function fillPostgres(client: pg.Client) {
  for (const t of fixture.tables) {
    const names = Object.keys(t.columns);
    for (const row of t.rows) {
      const values = row.map((value, i) => (t.columns[names[i]!] === "BOOLEAN" && value !== null ? value === 1 : value));
      await client.query(
        `INSERT INTO "${t.name}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})`,
        values,
      );
    }
    if (names.includes("id") && t.columns.id === "INTEGER")
      await client.query(`SELECT setval(pg_get_serial_sequence('"${t.name}"', 'id'), (SELECT max("id") FROM "${t.name}"))`);
  }
}

beforeAll(async () => {
  if (testProvider === "postgresql") {
    const name = `klassruk_mig_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await adminQuery(testDatabaseUrl!, `CREATE DATABASE "${name}"`);
    url = urlWithDatabase(testDatabaseUrl!, name);
    await migrateDatabase(url, { upTo: fixture.lastMigration });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await fillPostgres(client);
    raw = { rows: async (sql) => (await client.query(sql)).rows };
    cleanup = async () => {
      await client.end();
      await adminQuery(testDatabaseUrl!, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-migration-"));
    const file = path.join(dir, "old.db");
    url = `file:${file}`;
    await migrateDatabase(url, { upTo: fixture.lastMigration });
    await fillSqlite(file);
    raw = {
      rows: async (sql) => {
        const db = new Database(file, { readonly: true });
        try {
          return db.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
    };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const report = await migrateDatabase(url);
  expect(report.applied).toContain("20261204020000_relations_enums_roles");
}, 60_000);

afterAll(async () => {
  await cleanup?.();
});

/** A stored value as the fixture spells it (SQLite's form), whatever the provider returned. */
function comparable(value: unknown, type: string): Value {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (type === "BOOLEAN") return value === true || value === 1 ? 1 : 0;
  if (type === "BIGINT" || type === "INTEGER") return Number(value);
  return value as Value;
}

describe("the migration to relations, enums and roles, on the previous release's data", () => {
  it("keeps every row and every value of every table", async () => {
    for (const t of fixture.tables) {
      const kept = Object.keys(t.columns).filter((c) => !(t.name === "Member" && c === "roles"));
      const order = "id" in t.columns ? `"id"` : `"${Object.keys(t.columns)[0]}"`;
      const rows = await raw.rows(`SELECT ${kept.map((c) => `"${c}"`).join(", ")} FROM "${t.name}" ORDER BY ${order}`);
      const expected = records(t.name)
        .sort((a, b) => String(a[order.slice(1, -1)]).localeCompare(String(b[order.slice(1, -1)]), "en", { numeric: true }))
        .map((r) => Object.fromEntries(kept.map((c) => [c, r[c]])));
      const actual = rows.map((r) => Object.fromEntries(kept.map((c) => [c, comparable(r[c], t.columns[c]!)])));
      expect({ table: t.name, rows: actual }).toEqual({ table: t.name, rows: expected });
    }
  });

  it("turns each member's comma-separated roles into one row per role", async () => {
    const members = records("Member");
    expect(members.some((m) => String(m.roles).includes(","))).toBe(true);
    const stored = await raw.rows(`SELECT "memberId", "schoolId", "role" FROM "MemberRole" ORDER BY "memberId", "role"`);
    for (const member of members) {
      const own = stored.filter((r) => Number(r.memberId) === member.id);
      expect({ member: member.id, roles: rolesOf(own.map((r) => ({ role: String(r.role) as never }))) }).toEqual({
        member: member.id,
        roles: rolesOf(parseRoles(String(member.roles)).map((role) => ({ role }))),
      });
      expect(own.every((r) => Number(r.schoolId) === member.schoolId)).toBe(true);
    }
    expect(stored).toHaveLength(members.reduce((n, m) => n + parseRoles(String(m.roles)).length, 0));
  });

  it("gives invitees, event classes and snoozes the school of their meeting, event or case", async () => {
    const schoolOf = (name: string) => new Map(records(name).map((r) => [r.id, r.schoolId]));
    const meetings = schoolOf("Meeting");
    const events = schoolOf("SchoolEvent");
    const cases = schoolOf("Case");
    for (const [name, parent, column] of [
      ["MeetingInvitee", meetings, "meetingId"],
      ["SchoolEventClass", events, "eventId"],
      ["Snooze", cases, "caseId"],
    ] as const) {
      const rows = await raw.rows(`SELECT "${column}", "schoolId" FROM "${name}"`);
      expect(rows.length).toBe(table(name).rows.length);
      for (const row of rows) expect({ name, schoolId: Number(row.schoolId) }).toEqual({ name, schoolId: parent.get(Number(row[column])) });
    }
  });

  it("links each notification to the case its key names, and only those", async () => {
    const cases = new Map(records("Case").map((c) => [String(c.id), c.schoolId]));
    const rows = await raw.rows(`SELECT "id", "key", "schoolId", "caseId" FROM "Notification" ORDER BY "id"`);
    const expected = rows.map((r) => {
      const part = String(r.key).split(":")[1] ?? "";
      return cases.get(part) === Number(r.schoolId) ? Number(part) : null;
    });
    expect(rows.map((r) => (r.caseId === null ? null : Number(r.caseId)))).toEqual(expected);
    // Reminders and step outcomes are about cases; SOS alerts and digests are not.
    expect(expected.filter((id) => id !== null).length).toBeGreaterThan(20);
    expect(expected.filter((id) => id === null).length).toBeGreaterThan(10);
  });

  describe("then the current code works on it", () => {
    let db: OpenDatabase;
    beforeAll(async () => {
      db = await openDatabase({ url });
    });
    afterAll(async () => {
      await db.close();
    });

    it("reads people with their roles", async () => {
      const member = records("Member").find((m) => String(m.roles).includes(","))!;
      const user = records("User").find((u) => u.id === member.userId)!;
      const found = await createUserRepository(db.prisma).findByTelegramId(Number(user.telegramId));
      expect(found?.memberships.find((m) => m.id === member.id)?.roles).toEqual(
        rolesOf(parseRoles(String(member.roles)).map((role) => ({ role }))),
      );
    });

    it("erases a school with one delete: no row of it is left in any table, the other school is untouched", async () => {
      const [first, second] = records("School").map((s) => Number(s.id));
      const tenantTables = fixture.tables.filter((t) => "schoolId" in t.columns && t.name !== "AuditEvent").map((t) => t.name);
      const count = async (name: string, schoolId: number) =>
        Number((await raw.rows(`SELECT count(*) AS "n" FROM "${name}" WHERE "schoolId" = ${schoolId}`))[0]!.n);
      const before = await Promise.all(tenantTables.map((name) => count(name, second!)));
      expect(before.some((n) => n > 0)).toBe(true);

      await eraseSchool({ db: db.prisma, now: () => new Date("2026-12-04T10:00:00Z") }, { by: "cli", schoolId: first! });

      for (const name of [...tenantTables, "MemberRole"]) expect({ name, left: await count(name, first!) }).toEqual({ name, left: 0 });
      expect(await Promise.all(tenantTables.map((name) => count(name, second!)))).toEqual(before);
      // Users stay (a person may work elsewhere); the audit says what happened, by id.
      expect(Number((await raw.rows(`SELECT count(*) AS "n" FROM "User"`))[0]!.n)).toBe(table("User").rows.length);
      const audit = await raw.rows(`SELECT "schoolId", "subject" FROM "AuditEvent" WHERE "action" = 'school.erased'`);
      expect(audit).toEqual([{ schoolId: null, subject: `school:${first}` }]);
    });
  });
});
