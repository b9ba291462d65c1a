import Sqlite from "better-sqlite3";
import { KEPT_STATEMENTS, refuseWrites, type RawReader } from "./raw-sql.js";

/* The SQLite reader of decision 022: its own connection to the file, its statements kept prepared. */

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
