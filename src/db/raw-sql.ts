import type { Db } from "./open-database.js";

/*
 * Raw statements beside Prisma's client (decision 022). The statements every update runs are raw SQL
 * already; through `$queryRawUnsafe` each still passes Prisma's query compiler (WASM), its
 * interpreter and result mapping, and better-sqlite3 prepares it anew: most of a card press's CPU
 * and garbage (bench/RESULTS.md). A reader runs the same SQL on the driver itself: on SQLite its
 * own connection to the file with its statements kept prepared (raw-sql-sqlite.ts), on PostgreSQL
 * the pool Prisma's adapter uses, its statements kept by name (raw-sql-postgres.ts). Rows come back
 * as `$queryRawUnsafe` gives them: dates as Date, booleans as booleans, int8 as bigint.
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

export function refuseWrites(sql: string): void {
  if (!READ_ONLY.test(sql)) throw new Error(`A raw reader only reads: ${sql.slice(0, 60)}`);
}

/** Statements a reader keeps (prepared, or by name); the app's texts are a few hundred at most. */
export const KEPT_STATEMENTS = 500;
