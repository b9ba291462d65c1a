import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePath, type Provider } from "../../src/db/database-url.js";
import { TABLES, type Row, type ScaleName, type TableName } from "./city-data.js";

/*
 * Where a seeded bench database lives, how to tell it is there (a marker row written last), and
 * the bulk writers that fill it without Prisma: multi-row INSERT … SELECT FROM unnest(arrays) on
 * PostgreSQL, prepared statements in one transaction on SQLite.
 */

const benchDir = path.resolve(import.meta.dirname, "..");

/** The server the benches use; the planner bench creates its databases there too. */
export function benchServerUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

/** PostgreSQL: database klassruk_bench_<scale> on the bench server; SQLite: bench/.data/<scale>.db. */
export function benchDatabaseUrl(scale: ScaleName, provider: Provider): string {
  if (provider === "sqlite") return `file:${path.join(benchDir, ".data", `${scale}.db`)}`;
  const url = new URL(benchServerUrl());
  url.pathname = `/klassruk_bench_${scale}`;
  return url.toString();
}

export interface SeedMarker {
  scale: ScaleName;
  version: number;
  seededAt: string;
  seconds: number;
  counts: Record<string, number>;
}

const MARKER_TABLE = `"_bench_seed"`;

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: benchServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The marker of a finished seed, or undefined (no database, no marker: an unfinished seed). */
export async function readMarker(url: string): Promise<SeedMarker | undefined> {
  const sql = `SELECT "value" FROM ${MARKER_TABLE}`;
  try {
    if (url.startsWith("file:")) {
      const file = sqlitePath(url);
      if (!fs.existsSync(file)) return undefined;
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare(sql).get() as { value: string } | undefined;
        return row ? (JSON.parse(row.value) as SeedMarker) : undefined;
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ value: string }>(sql);
      return rows[0] ? (JSON.parse(rows[0].value) as SeedMarker) : undefined;
    } finally {
      await client.end();
    }
  } catch {
    // No database, or no marker table: not seeded (or a seed that did not finish).
    return undefined;
  }
}

/** Removes whatever is there and leaves an empty database (or no file) to migrate. */
export async function dropBenchDatabase(url: string): Promise<void> {
  if (url.startsWith("file:")) {
    const file = sqlitePath(url);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return;
  }
  const name = databaseName(url);
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
}

export interface RowWriter {
  insert(table: TableName, rows: readonly Row[]): Promise<void>;
  /** Ends the load: sequences past the ids written, statistics for the planner. */
  finish(): Promise<void>;
  /** Runs a query and returns its rows (counts, sizes). */
  query<T>(sql: string): Promise<T[]>;
  writeMarker(marker: SeedMarker): Promise<void>;
  close(): Promise<void>;
}

const columnList = (table: TableName) => TABLES[table].map(([name]) => `"${name}"`).join(", ");
const SEQUENCED: TableName[] = ["School", "User", "Member", "SchoolClass", "Student", "Case"];

/**
 * PostgreSQL: one INSERT … SELECT FROM unnest($1::int[], $2::text[], …) per 10,000 rows, so a
 * statement carries one parameter per column. Foreign-key triggers are off for this session
 * (session_replication_role = replica, as pg_restore does): the generator writes consistent
 * rows, and checking 1.3 M references one by one would double the load time.
 */
export async function postgresWriter(url: string): Promise<RowWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET synchronous_commit = off");
  await client.query("SET session_replication_role = replica");
  const statements = new Map<TableName, string>();
  const statementOf = (table: TableName) => {
    let sql = statements.get(table);
    if (!sql) {
      const arrays = TABLES[table].map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
      sql = `INSERT INTO "${table}" (${columnList(table)}) SELECT * FROM unnest(${arrays})`;
      statements.set(table, sql);
    }
    return sql;
  };
  return {
    async insert(table, rows) {
      const width = TABLES[table].length;
      for (let start = 0; start < rows.length; start += 10_000) {
        const part = rows.slice(start, start + 10_000);
        const columns = Array.from({ length: width }, (_, i) => part.map((row) => row[i]));
        await client.query(statementOf(table), columns);
      }
    },
    async finish() {
      await client.query("SET session_replication_role = origin");
      for (const table of SEQUENCED) {
        await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max("id") FROM "${table}"))`);
      }
      // As autovacuum would leave it: statistics, and a visibility map for index-only scans.
      await client.query("VACUUM (ANALYZE)");
      // The load's WAL flushed now, not by a checkpoint the volume would start under a measurement.
      await client.query("CHECKPOINT");
    },
    async query<T>(sql: string) {
      return (await client.query(sql)).rows as T[];
    },
    async writeMarker(marker) {
      await client.query(`CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} ("value" TEXT NOT NULL)`);
      await client.query(`DELETE FROM ${MARKER_TABLE}`);
      await client.query(`INSERT INTO ${MARKER_TABLE} ("value") VALUES ($1)`, [JSON.stringify(marker)]);
    },
    close: () => client.end(),
  };
}

/** SQLite: a prepared statement per table, every row in one transaction, committed by finish(). */
export async function sqliteWriter(url: string): Promise<RowWriter> {
  const db = new Database(sqlitePath(url));
  db.pragma("synchronous = OFF");
  db.exec("BEGIN");
  const statements = new Map<TableName, Database.Statement>();
  const statementOf = (table: TableName) => {
    let statement = statements.get(table);
    if (!statement) {
      const marks = TABLES[table].map(() => "?").join(", ");
      statement = db.prepare(`INSERT INTO "${table}" (${columnList(table)}) VALUES (${marks})`);
      statements.set(table, statement);
    }
    return statement;
  };
  return {
    async insert(table, rows) {
      const statement = statementOf(table);
      for (const row of rows) statement.run(row.map((v) => (typeof v === "boolean" ? Number(v) : v)));
    },
    async finish() {
      db.exec("COMMIT");
      db.exec("ANALYZE");
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.pragma("synchronous = NORMAL");
    },
    async query<T>(sql: string) {
      return db.prepare(sql).all() as T[];
    },
    async writeMarker(marker) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} ("value" TEXT NOT NULL)`);
      db.exec(`DELETE FROM ${MARKER_TABLE}`);
      db.prepare(`INSERT INTO ${MARKER_TABLE} ("value") VALUES (?)`).run(JSON.stringify(marker));
    },
    async close() {
      db.close();
    },
  };
}

/** The size of the database: pg_database_size, or the file (and its WAL). */
export async function databaseBytes(url: string, writer: RowWriter): Promise<number> {
  if (url.startsWith("file:")) {
    const file = sqlitePath(url);
    return [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  }
  const [row] = await writer.query<{ bytes: string }>(`SELECT pg_database_size(current_database())::text AS bytes`);
  return Number(row?.bytes ?? 0);
}
