import { describeDatabase } from "../../db/database-url.js";
import { migrateDatabase } from "../../db/migrate.js";
import { EXIT_OK, type CliCommand, type CliIo, type ParsedArgs } from "../command.js";
import { databaseUrlOption, resolveDatabaseUrl } from "../database.js";
import { plural } from "../plural.js";

/** `migrate`: applies the pending migrations (creating a SQLite file if needed) and says which. */
export async function migrate(args: ParsedArgs, io: CliIo): Promise<number> {
  const url = resolveDatabaseUrl(args, io);
  io.out(`database: ${describeDatabase(url)}`);
  const report = await migrateDatabase(url);
  for (const name of report.applied) io.out(`applied: ${name}`);
  if (report.applied.length === 0) {
    io.out(`up to date (${plural(report.alreadyApplied, "migration")} already applied)`);
  } else {
    io.out(`${plural(report.applied.length, "migration")} applied, ${report.alreadyApplied} were already applied`);
  }
  return EXIT_OK;
}

export const migrateCommands: CliCommand[] = [
  {
    name: "migrate",
    positionals: [],
    summary: "apply pending database migrations (creates the SQLite file if needed)",
    options: { "database-url": databaseUrlOption },
    examples: ["migrate", "migrate --database-url file:./data/klassruk.db"],
    run: migrate,
  },
];
