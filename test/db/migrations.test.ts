import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrateDatabase, migrationsOf } from "../../src/db/migrate.js";
import { testDatabaseUrl, testProvider } from "../support/test-database.js";

const root = path.resolve(import.meta.dirname, "../..");

const sqlCache = new Map<string, string>();

/** What the models describe, as SQL, from the Prisma CLI (offline, WASM engine). */
function modelsAsSql(provider: "sqlite" | "postgres"): string {
  if (!sqlCache.has(provider)) sqlCache.set(provider, runDiff(provider));
  return sqlCache.get(provider)!;
}

function runDiff(provider: "sqlite" | "postgres"): string {
  return execFileSync(
    process.execPath,
    [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "diff", "--config", `prisma.${provider}.config.ts`,
      "--from-empty", "--to-schema-datamodel", `prisma/${provider}`, "--script"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, SQLITE_URL: "file::memory:" } },
  );
}

function describeSqlite(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    return Object.fromEntries(
      tables.map((t) => [
        t,
        {
          // Column order differs after ALTER TABLE ... ADD COLUMN; only names and types matter.
          columns: (db.pragma(`table_info("${t}")`) as { cid: number; name: string }[])
            .map(({ cid: _cid, ...column }) => column)
            .sort((a, b) => a.name.localeCompare(b.name)),
          indexes: (db.pragma(`index_list("${t}")`) as { name: string; unique: number }[])
            .map((i) => ({ name: i.name, unique: i.unique, columns: (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name) }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          foreignKeys: db.pragma(`foreign_key_list("${t}")`),
        },
      ]),
    );
  } finally {
    db.close();
  }
}

describe("migrations and models agree", () => {
  it("both providers read the one model folder", () => {
    for (const provider of ["sqlite", "postgres"]) {
      const link = path.join(root, "prisma", provider, "models");
      expect(fs.lstatSync(link).isSymbolicLink(), `${link} must be a symlink`).toBe(true);
      expect(fs.realpathSync(link)).toBe(path.join(root, "prisma", "models"));
    }
  });

  it("both providers' schemas have the same tables and columns", () => {
    const sqlite = tablesOf(modelsAsSql("sqlite"));
    expect(Object.keys(sqlite)).toEqual(expect.arrayContaining(["School", "Member", "Student", "Case", "CaseEvent", "Session"]));
    expect(sqlite.Case).toEqual(expect.arrayContaining(["schoolId", "regulationId", "regulationVersion"]));
    expect(tablesOf(modelsAsSql("postgres"))).toEqual(sqlite);
  });

  it("both providers have the same migrations, named alike", () => {
    expect(migrationsOf("postgresql").map((m) => m.name)).toEqual(migrationsOf("sqlite").map((m) => m.name));
  });

  it("SQLite: the committed migrations build exactly the schema the models describe", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-drift-"));
    try {
      const migrated = path.join(dir, "migrated.db");
      await migrateDatabase(`file:${migrated}`);
      const fromModels = path.join(dir, "models.db");
      const db = new Database(fromModels);
      db.exec(modelsAsSql("sqlite"));
      db.close();
      expect(describeSqlite(migrated)).toEqual(describeSqlite(fromModels));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(testProvider === "postgresql")("PostgreSQL: the committed migrations build exactly the schema the models describe", async () => {
    const server = new URL(testDatabaseUrl!);
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    const names = [`klassruk_drift_m_${process.pid}`, `klassruk_drift_s_${process.pid}`];
    try {
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS "${n}"`).then(() => admin.query(`CREATE DATABASE "${n}"`));
      const urlOf = (n: string) => Object.assign(new URL(server.toString()), { pathname: `/${n}` }).toString();
      await migrateDatabase(urlOf(names[0]!));
      const fromModels = new pg.Client({ connectionString: urlOf(names[1]!) });
      await fromModels.connect();
      await fromModels.query(modelsAsSql("postgres"));
      await fromModels.end();
      const [a, b] = await Promise.all(names.map((n) => describePostgres(urlOf(n))));
      expect(a).toEqual(b);
    } finally {
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
      await admin.end();
    }
  });
});

/** CREATE TABLE "X" ( "a" ..., "b" ... ) → { X: ["a", "b"] } */
function tablesOf(sql: string): Record<string, string[]> {
  const tables: Record<string, string[]> = {};
  for (const match of sql.matchAll(/CREATE TABLE "([^"]+)" \(([\s\S]*?)\n\);/g)) {
    tables[match[1]!] = [...match[2]!.matchAll(/^\s+"([^"]+)"/gm)].map((c) => c[1]!).sort();
  }
  return tables;
}

async function describePostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`);
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows.filter((r) => !String(r.conname).startsWith("_prisma")) };
  } finally {
    await client.end();
  }
}
