import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { providerOf, sqlitePath, type Provider } from "./database-url.js";

/**
 * Applies the committed migration.sql files in order and records them in Prisma's own
 * `_prisma_migrations` table (same columns and checksum), so `prisma migrate status` agrees.
 * Why not the Prisma CLI: see docs/decisions/001-migrations-at-start.md.
 */

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma");
/** Any constant: keeps two instances starting at once from migrating together (PostgreSQL). */
const MIGRATION_LOCK_KEY = 4_719_220_261;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsOf(provider: Provider): Migration[] {
  const dir = path.join(prismaDir, provider === "sqlite" ? "sqlite" : "postgres", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export interface MigrateOptions {
  /** Stop after this migration (tests build a database as an older release left it). */
  upTo?: string;
}

export async function migrateDatabase(url: string, options: MigrateOptions = {}): Promise<MigrationReport> {
  // Only the driver of the URL's provider is loaded (decision 024).
  if (providerOf(url) === "sqlite") return migrateSqlite((await import("better-sqlite3")).default, url, options);
  return migratePostgres((await import("pg")).default, url, options);
}

function wanted(migrations: Migration[], options: MigrateOptions): Migration[] {
  if (options.upTo === undefined) return migrations;
  const last = migrations.findIndex((m) => m.name === options.upTo);
  if (last === -1) throw new Error(`no migration named ${options.upTo}`);
  return migrations.slice(0, last + 1);
}

function migrateSqlite(Database: typeof import("better-sqlite3"), url: string, options: MigrateOptions): MigrationReport {
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const done = new Set(
      (
        db.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).all() as { migration_name: string }[]
      ).map((r) => r.migration_name),
    );
    const pending = wanted(migrationsOf("sqlite"), options).filter((m) => !done.has(m.name));
    const insert = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES (?, ?, ?, ?, ?, 1)`,
    );
    // A migration that rebuilds a table drops the old one: with foreign keys on, that drop would
    // cascade into the rows that refer to it. SQLite ignores this pragma inside a transaction, so
    // keys go off around the migrations and are checked before each one commits (as Prisma does).
    db.pragma("foreign_keys = OFF");
    for (const m of pending) {
      // Each migration and its record commit together or not at all.
      db.transaction(() => {
        const started = new Date().toISOString();
        db.exec(m.sql);
        const broken = db.pragma("foreign_key_check") as { table: string; parent: string }[];
        if (broken.length > 0) {
          const first = broken[0]!;
          throw new Error(
            `Migration ${m.name} leaves ${broken.length} rows with broken references (first: ${first.table} → ${first.parent})`,
          );
        }
        insert.run(randomUUID(), m.checksum, m.name, started, new Date().toISOString());
      })();
    }
    db.pragma("foreign_keys = ON");
    return { applied: pending.map((m) => m.name), alreadyApplied: done.size };
  } finally {
    db.close();
  }
}

async function migratePostgres(pg: typeof import("pg").default, url: string, options: MigrateOptions): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    const done = new Set(rows.map((r) => r.migration_name));
    const pending = wanted(migrationsOf("postgresql"), options).filter((m) => !done.has(m.name));
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        const started = new Date();
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), m.checksum, m.name, started],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
