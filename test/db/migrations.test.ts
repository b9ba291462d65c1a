import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, migrationsOf } from "../../src/db/migrate.js";
import { PROCESS_TEST_TIMEOUT, repoRoot as root, runProcess } from "../support/run-process.js";
import { testDatabaseUrl, testProvider } from "../support/test-database.js";

const modelSql = new Map<"sqlite" | "postgres", string>();

/** What the models describe, as SQL, from the Prisma CLI (offline, WASM engine); see beforeAll. */
function modelsAsSql(provider: "sqlite" | "postgres"): string {
  return modelSql.get(provider)!;
}

/**
 * `prisma migrate diff --from-empty` for both providers, at once and without blocking the worker.
 * The CLI needs several seconds per run, and its answer depends only on the schema files and the
 * Prisma version: it is kept in node_modules/.cache under a hash of them.
 */
async function modelsAsSqlFromCli(provider: "sqlite" | "postgres"): Promise<string> {
  const inputs = [
    path.join(root, "node_modules/prisma/package.json"),
    path.join(root, `prisma.${provider}.config.ts`),
    path.join(root, "prisma", provider, "schema.prisma"),
    ...fs
      .readdirSync(path.join(root, "prisma/models"))
      .sort()
      .map((f) => path.join(root, "prisma/models", f)),
  ];
  const hash = createHash("sha256");
  for (const file of inputs) hash.update(file).update("\0").update(fs.readFileSync(file)).update("\0");
  const cached = path.join(root, "node_modules/.cache/klassruk-tests", `models-${provider}-${hash.digest("hex").slice(0, 20)}.sql`);
  if (fs.existsSync(cached)) return fs.readFileSync(cached, "utf8");
  const result = await runProcess(
    process.execPath,
    [
      path.join(root, "node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      "--config",
      `prisma.${provider}.config.ts`,
      "--from-empty",
      "--to-schema-datamodel",
      `prisma/${provider}`,
      "--script",
    ],
    { env: { ...process.env, SQLITE_URL: "file::memory:" }, timeoutMs: PROCESS_TEST_TIMEOUT - 5_000 },
  );
  if (result.status !== 0) throw new Error(`prisma migrate diff (${provider}) failed:\n${result.stderr}`);
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.writeFileSync(`${cached}.${process.pid}`, result.stdout);
  fs.renameSync(`${cached}.${process.pid}`, cached);
  return result.stdout;
}

beforeAll(async () => {
  const providers = ["sqlite", "postgres"] as const;
  const sql = await Promise.all(providers.map(modelsAsSqlFromCli));
  providers.forEach((provider, i) => modelSql.set(provider, sql[i]!));
}, PROCESS_TEST_TIMEOUT);

function describeSqlite(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    return Object.fromEntries(
      tables.map((t) => [
        t,
        {
          // Column order differs after ALTER TABLE ... ADD COLUMN; only names and types matter.
          columns: (db.pragma(`table_info("${t}")`) as { cid: number; name: string }[])
            .map(({ cid: _cid, ...column }) => column)
            .sort((a, b) => a.name.localeCompare(b.name)),
          indexes: (db.pragma(`index_list("${t}")`) as { name: string; unique: number }[])
            .map((i) => ({
              name: i.name,
              unique: i.unique,
              columns: (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name),
            }))
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
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
    );
    return {
      columns: columns.rows,
      indexes: indexes.rows,
      // Seven keys are checked at commit, which Prisma's schema cannot express (see that migration;
      // test/db/migration-keeps-data.test.ts erases a school, which needs it).
      constraints: constraints.rows
        .filter((r) => !String(r.conname).startsWith("_prisma"))
        .map((r) => ({ ...r, def: String(r.def).replace(" DEFERRABLE INITIALLY DEFERRED", "") })),
    };
  } finally {
    await client.end();
  }
}
