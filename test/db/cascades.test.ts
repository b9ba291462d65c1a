import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/sqlite/client.js";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/test-database.js";

/*
 * What erasing leaves behind is decided by the database's foreign keys, read here from the
 * migrated database itself. Every model is accounted for: a new table that holds a school's, a
 * case's or a student's data without a cascade path from it makes this test fail.
 */

type OnDelete = "CASCADE" | "SET NULL" | "NO ACTION" | "RESTRICT" | "SET DEFAULT";
interface ForeignKey {
  from: string;
  columns: string[];
  to: string;
  onDelete: OnDelete;
  /** Kept by a trigger on `to` that deletes the rows of `from` naming the deleted row (decision 025). */
  trigger?: string;
}

/** A trigger's `DELETE FROM "Child" WHERE "column" = OLD."id"`, read from its SQL: an edge of the cascades. */
function triggerEdge(name: string, table: string, body: string): ForeignKey | undefined {
  const match = /DELETE FROM "(\w+)" WHERE "(\w+)" = OLD\."id"/.exec(body);
  return match ? { from: match[1]!, columns: [match[2]!], to: table, onDelete: "CASCADE", trigger: name } : undefined;
}

/** Tables that belong to no school, on purpose. */
const NOT_A_SCHOOLS = {
  School: "the tenant itself",
  User: "a person may work in several schools",
  ProductionYear: "the installation's calendar",
  PlanningBasis: "the installation's definitions the planner's dates were computed from",
  Session: "chat state, keyed by chat; a dialogue's content is not a school's record",
  AuditEvent: "the trail outlives what it mentions: its schoolId becomes null, it holds ids only",
} as const;

/** A link to a student that is cut, not followed, when the student is erased (with the reason). */
const KEPT_WHEN_STUDENT_ERASED = { "SosAlert.studentId": "an emergency stays on the school's record" } as const;

let db: TestDatabase;
let keys: ForeignKey[];
let columns: Map<string, string[]>;

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  if (testProvider === "postgresql") {
    const rows = await p.$queryRawUnsafe<{ child: string; parent: string; cols: string; action: string }[]>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, c.confdeltype::text AS action,
              (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS cols
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    const action = { c: "CASCADE", n: "SET NULL", a: "NO ACTION", r: "RESTRICT", d: "SET DEFAULT" } as const;
    const unquote = (name: string) => name.replace(/"/g, "");
    keys = rows.map((r) => ({
      from: unquote(r.child),
      to: unquote(r.parent),
      columns: r.cols.split(","),
      onDelete: action[r.action as keyof typeof action],
    }));
    const triggers = await p.$queryRawUnsafe<{ name: string; on: string; body: string }[]>(
      `SELECT t.tgname::text AS name, t.tgrelid::regclass::text AS on, f.prosrc AS body
       FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid WHERE NOT t.tgisinternal`,
    );
    for (const t of triggers) {
      const edge = triggerEdge(t.name, unquote(t.on), t.body);
      if (edge) keys.push(edge);
    }
    const cols = await p.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      `SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    columns = new Map();
    for (const c of cols) columns.set(c.table_name, [...(columns.get(c.table_name) ?? []), c.column_name]);
  } else {
    const tables = await p.$queryRawUnsafe<{ name: string }[]>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
    );
    keys = [];
    columns = new Map();
    for (const { name } of tables) {
      const list = await p.$queryRawUnsafe<{ id: bigint; table: string; from: string; on_delete: OnDelete }[]>(
        `SELECT * FROM pragma_foreign_key_list('${name}') ORDER BY id, seq`,
      );
      for (const fk of list) {
        const same = keys.find((k) => k.from === name && (k as ForeignKey & { id?: bigint }).id === fk.id);
        if (same) same.columns.push(fk.from);
        else keys.push({ from: name, to: fk.table, columns: [fk.from], onDelete: fk.on_delete, id: fk.id } as ForeignKey);
      }
      const info = await p.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${name}')`);
      columns.set(
        name,
        info.map((c) => c.name),
      );
    }
    const triggers = await p.$queryRawUnsafe<{ name: string; on: string; body: string }[]>(
      `SELECT name, tbl_name AS "on", sql AS body FROM sqlite_master WHERE type = 'trigger'`,
    );
    for (const t of triggers) {
      const edge = triggerEdge(t.name, t.on, t.body);
      if (edge) keys.push(edge);
    }
  }
});

afterAll(async () => {
  await db.destroy();
});

/** Tables from which a delete of `root` reaches `table` through cascades alone. */
function cascadesFrom(root: string): Set<string> {
  const reached = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of keys) {
      if (k.onDelete === "CASCADE" && reached.has(k.to) && !reached.has(k.from)) {
        reached.add(k.from);
        grew = true;
      }
    }
  }
  return reached;
}

describe("every model is erased with what it belongs to", () => {
  it("lists every model of the schema as a table", () => {
    expect([...columns.keys()].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("a school's delete reaches every table that belongs to a school", () => {
    const reached = cascadesFrom("School");
    const missing = Object.values(Prisma.ModelName).filter((m) => !(m in NOT_A_SCHOOLS) && !reached.has(m));
    expect(missing).toEqual([]);
  });

  it("every table with a schoolId is a school's (or is listed, with its reason)", () => {
    const reached = cascadesFrom("School");
    const stray = [...columns].filter(([table, cols]) => cols.includes("schoolId") && !reached.has(table) && !(table in NOT_A_SCHOOLS));
    expect(stray.map(([table]) => table)).toEqual([]);
  });

  it("a case's delete reaches every table that refers to a case", () => {
    const reached = cascadesFrom("Case");
    const holders = [...columns].filter(([table, cols]) => table !== "Case" && cols.includes("caseId")).map(([table]) => table);
    expect(holders.length).toBeGreaterThan(6);
    expect(holders.filter((t) => !reached.has(t))).toEqual([]);
    // And each caseId is a real key, not a bare number; the outbox's alone is kept by a trigger (decision 025).
    for (const table of holders) {
      const key = keys.find((k) => k.from === table && k.columns.includes("caseId") && k.to === "Case");
      expect({ table, key: key ? (key.trigger ?? "foreign key") : "none" }).toEqual({
        table,
        key: table === "Notification" ? "Case_erases_notifications" : "foreign key",
      });
    }
  });

  it("a student's delete reaches every table that refers to a student, except links cut on purpose", () => {
    const reached = cascadesFrom("Student");
    const holders = [...columns].filter(([table, cols]) => table !== "Student" && cols.includes("studentId")).map(([table]) => table);
    for (const table of holders) {
      const key = keys.find((k) => k.from === table && k.columns.includes("studentId") && k.to === "Student");
      const expected = `${table}.studentId` in KEPT_WHEN_STUDENT_ERASED ? "SET NULL" : "CASCADE";
      expect({ table, onDelete: key?.onDelete }).toEqual({ table, onDelete: expected });
    }
    expect(reached.has("CaseEvent") && reached.has("Notification") && reached.has("CouncilRequest")).toBe(true);
  });

  it("a person's (user's) delete takes their outbox rows and snoozes", () => {
    const reached = cascadesFrom("User");
    expect(["Member", "MemberRole", "Notification", "Snooze"].filter((t) => !reached.has(t))).toEqual([]);
  });
});
