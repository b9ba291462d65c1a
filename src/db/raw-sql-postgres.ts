import pg from "pg";
import { KEPT_STATEMENTS, refuseWrites, type RawReader } from "./raw-sql.js";

/* The PostgreSQL reader of decision 022: the pool Prisma's adapter uses, its statements kept by name. */

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
