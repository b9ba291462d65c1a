import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../src/db/migrate.js";
import { adminQuery, dropRunDatabases, urlWithDatabase } from "./postgres-admin.js";

/**
 * Migrates one template database per run; createTestDatabase() (test/support/test-database.ts)
 * copies it instead of migrating again. SQLite: a migrated file, copied per test database.
 * PostgreSQL: a database `klassruk_tpl_<random>`, each test database is CREATE DATABASE ... TEMPLATE it.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl?.startsWith("postgres")) {
    const name = `klassruk_tpl_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    const url = urlWithDatabase(serverUrl, name);
    await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
    try {
      // migrateDatabase ends its client: nothing stays connected to the template while it is copied.
      await migrateDatabase(url);
    } catch (error) {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      throw error;
    }
    project.provide("klassrukTemplate", name);
    // Test databases are dropped in the background as their files end; whatever is left goes here.
    return () => dropRunDatabases(serverUrl, name);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-template-"));
  const file = path.join(dir, "template.db");
  // Closing the migrator's connection checkpoints the WAL: the template is this one file.
  await migrateDatabase(`file:${file}`);
  project.provide("klassrukTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** SQLite: the migrated template file; PostgreSQL: the template database's name. */
    klassrukTemplate: string;
  }
}
