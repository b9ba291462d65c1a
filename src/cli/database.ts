import fs from "node:fs";
import { DEFAULT_SQLITE_URL } from "../config.js";
import { describeDatabase, providerOf, sqlitePath } from "../db/database-url.js";
import type { Database } from "../db/open-database.js";
import { stringOption, UsageError, type CliIo, type OptionSpec, type ParsedArgs } from "./command.js";

export const databaseUrlOption: OptionSpec = {
  type: "string",
  placeholder: "URL",
  description: `file:./path.db (SQLite) or postgresql://... (default: DATABASE_URL, else ${DEFAULT_SQLITE_URL})`,
};

const DATABASE_URL_PATTERN = /^(file:.+|postgres(ql)?:\/\/.+)$/;

/** --database-url, else DATABASE_URL, else the default SQLite file (the bot's own default). */
export function resolveDatabaseUrl(args: ParsedArgs, io: CliIo): string {
  const flagValue = stringOption(args, "database-url")?.trim();
  if (flagValue !== undefined) {
    if (!DATABASE_URL_PATTERN.test(flagValue)) {
      throw new UsageError("--database-url must start with file: (SQLite) or postgresql:// (PostgreSQL)");
    }
    return flagValue;
  }
  const envValue = io.env.DATABASE_URL?.trim();
  if (envValue) {
    if (!DATABASE_URL_PATTERN.test(envValue)) {
      throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
    }
    return envValue;
  }
  return DEFAULT_SQLITE_URL;
}

/** False only for a SQLite file that is not there (opening it would create an empty one). */
export function databaseExists(url: string): boolean {
  if (providerOf(url) !== "sqlite") return true;
  const file = sqlitePath(url);
  return file === ":memory:" || fs.existsSync(file);
}

/**
 * Opens an existing, migrated database without migrating it (reading commands must not create or
 * change a database at a mistyped URL), runs `use` and closes it.
 */
export async function withDatabase<T>(url: string, use: (db: Database) => Promise<T>): Promise<T> {
  if (!databaseExists(url)) {
    throw new Error(`no database at ${describeDatabase(url)}; create it with \`npm run migrate\` or pass --database-url`);
  }
  // Imported here so that commands without a database never load the Prisma client.
  const { openDatabase } = await import("../db/open-database.js");
  const db = await openDatabase({ url, migrate: false, poolSize: 2 });
  try {
    return await use(db);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "P2021" || code === "P2022") {
      throw new Error(`the database at ${describeDatabase(url)} is not migrated; run \`npm run migrate\` first`, { cause: error });
    }
    throw error;
  } finally {
    await db.close();
  }
}
