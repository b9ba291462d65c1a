import Sqlite from "better-sqlite3";
import pg from "pg";
import type { Db } from "./open-database.js";

/*
 * Raw statements beside Prisma's client (decision 022). The statements every update runs are raw SQL
 * already; through `$queryRawUnsafe` each still passes Prisma's query compiler (WASM), its
 * interpreter and result mapping, and better-sqlite3 prepares it anew: most of a card press's CPU
 * and garbage (bench/RESULTS.md). A reader runs the same SQL on the driver itself: on SQLite its
 * own connection to the file with its statements kept prepared, on PostgreSQL the pool Prisma's
 * adapter uses, its statements kept by name. Rows come back as `$queryRawUnsafe` gives them: dates as Date, booleans as
 * booleans, int8 as bigint.
 *
 * Only the root client has a reader. A transaction's client (`tx`) is another object, so a read
 * inside a transaction goes through Prisma on the transaction's connection and sees its writes.
 *
 * Writes go through Prisma, with one exception on PostgreSQL: `writeRaw`, for the planner's bulk
 * statements outside a transaction, whose one JSON parameter holds thousands of rows. Prisma's
 * compiler copies such a parameter into its WASM memory and back (a quarter of the planner's CPU
 * on a city's first run of a day); the pool sends it as it is. On SQLite every write stays on
 * Prisma's one connection (a second writer would only wait for the file's lock).
 */

export interface RawReader {
  all<T>(sql: string, values: readonly unknown[]): Promise<T[]>;
  /** A write outside a transaction, where the driver takes it (PostgreSQL); its row count. */
  run?(sql: string, values: readonly unknown[]): Promise<number>;
  close(): void;
}

const readers = new WeakMap<object, RawReader>();

export function attachRawReader(db: Db, reader: RawReader): void {
  readers.set(db, reader);
}

/** A read statement (SELECT or WITH … SELECT) with `$queryRawUnsafe`'s signature and results. */
export function readRaw<T = unknown>(db: Pick<Db, "$queryRawUnsafe">, sql: string, ...values: unknown[]): Promise<T> {
  const reader = readers.get(db);
  return reader ? (reader.all(sql, values) as Promise<T>) : db.$queryRawUnsafe<T>(sql, ...values);
}

/**
 * A bulk write with `$executeRawUnsafe`'s signature and result (rows affected). On PostgreSQL's
 * root client it goes to the pool; in a transaction, and on SQLite, through Prisma.
 */
export function writeRaw(db: Pick<Db, "$executeRawUnsafe">, sql: string, ...values: unknown[]): Promise<number> {
  const run = readers.get(db)?.run;
  return run ? run(sql, values) : db.$executeRawUnsafe(sql, ...values);
}

const READ_ONLY = /^\s*(SELECT|WITH)\b/i;

function refuseWrites(sql: string): void {
  if (!READ_ONLY.test(sql)) throw new Error(`A raw reader only reads: ${sql.slice(0, 60)}`);
}

/** Statements kept prepared; the app's texts are a few hundred at most. */
const KEPT_STATEMENTS = 500;

interface KeptStatement {
  statement: Sqlite.Statement<unknown[], Record<string, unknown>>;
  /** Columns declared DATETIME or BOOLEAN, converted as Prisma converts them. */
  dates: string[];
  flags: string[];
}

export function createSqliteReader(file: string): RawReader {
  const connection = new Sqlite(file, { timeout: 5000 });
  connection.pragma("synchronous = NORMAL");
  const kept = new Map<string, KeptStatement>();

  function prepared(sql: string): KeptStatement {
    let entry = kept.get(sql);
    if (entry) return entry;
    refuseWrites(sql);
    const statement = connection.prepare<unknown[], Record<string, unknown>>(sql);
    const columns = statement.columns();
    const declared = (pattern: RegExp) => columns.filter((c) => c.type !== null && pattern.test(c.type)).map((c) => c.name);
    entry = { statement, dates: declared(/^DATETIME$/i), flags: declared(/^BOOLEAN$/i) };
    if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
    kept.set(sql, entry);
    return entry;
  }

  return {
    all<T>(sql: string, values: readonly unknown[]): Promise<T[]> {
      try {
        const { statement, dates, flags } = prepared(sql);
        const rows = statement.all(...values.map(sqliteValue));
        if (dates.length > 0 || flags.length > 0) {
          for (const row of rows) {
            for (const name of dates) if (row[name] !== null) row[name] = new Date(row[name] as string | number);
            for (const name of flags) if (row[name] !== null) row[name] = row[name] === 1;
          }
        }
        return Promise.resolve(rows as T[]);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    close: () => connection.close(),
  };
}

/** As Prisma's adapter binds them: dates as ISO text with +00:00, flags as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

const { builtins } = pg.types;
/** Parsers for the types the schema uses, as Prisma's adapter reads them (timestamps are UTC). */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === builtins.INT8) return (text: string) => BigInt(text);
    if (oid === builtins.TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    if (oid === builtins.TIMESTAMPTZ) return (text: string) => new Date(text);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function createPostgresReader(pool: pg.Pool): RawReader {
  // Statements by name: each connection parses a text once, and PostgreSQL may keep its plan (an
  // unnamed statement is planned anew every time, ~0.3 ms of the server's CPU for a surname
  // search). Texts beyond the first KEPT_STATEMENTS (a list of ids makes new ones) run unnamed.
  const names = new Map<string, string>();
  return {
    async all<T>(sql: string, values: readonly unknown[]): Promise<T[]> {
      let name = names.get(sql);
      if (name === undefined) {
        refuseWrites(sql);
        if (names.size < KEPT_STATEMENTS) names.set(sql, (name = `klassruk_${names.size}`));
      }
      const result = await pool.query({ name, text: sql, values: values.map(postgresValue), types: pgTypes });
      return result.rows as T[];
    },
    async run(sql: string, values: readonly unknown[]): Promise<number> {
      const result = await pool.query({ text: sql, values: values.map(postgresValue) });
      return result.rowCount ?? 0;
    },
    // The pool is Prisma's: closed when the client disconnects.
    close: () => {},
  };
}

/** Dates as UTC text (the columns are timestamps without a zone), bigints as text. */
function postgresValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}
