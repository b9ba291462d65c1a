import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { openDatabase, type Database } from "../../src/db/open-database.js";
import { adminQuery, testDatabasePrefix, urlWithDatabase } from "./postgres-admin.js";

/**
 * A real, migrated database per test file. SQLite by default (a throw-away file); set
 * TEST_DATABASE_URL=postgresql://...@127.0.0.1/... to run the same tests on PostgreSQL, where
 * each file gets a database of its own on that server, dropped afterwards.
 *
 * Under vitest, test/support/global-setup.ts migrates one template per run and each test
 * database starts as a copy of it (a file copy, or CREATE DATABASE ... TEMPLATE); outside vitest
 * (bench/) each database is migrated when it is opened.
 */
export interface TestDatabase extends Database {
  url: string;
  /** Opens a second client on the same database (a "restarted" process). */
  reopen(): Promise<Database>;
  destroy(): Promise<void>;
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const testProvider = testDatabaseUrl?.startsWith("postgres") ? "postgresql" : "sqlite";

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testProvider === "postgresql") return createPostgresDatabase(testDatabaseUrl!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-test-"));
  const file = path.join(dir, "test.db");
  const template = await runTemplate();
  if (template) fs.copyFileSync(template, file);
  const url = `file:${file}`;
  // Opening runs the migrator as the app does; on a copy it finds every migration recorded.
  const db = await openDatabase({ url });
  return {
    ...db,
    url,
    reopen: () => openDatabase({ url }),
    async destroy() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const template = await runTemplate();
  const suffix = randomUUID().replace(/-/g, "").slice(0, 16);
  // Named after the run's template, so that global-setup.ts can drop whatever a run left behind.
  const name = template ? `${testDatabasePrefix(template)}${suffix.slice(0, 8)}` : `klassruk_t_${suffix}`;
  const url = urlWithDatabase(serverUrl, name);
  if (template) await createFromTemplate(serverUrl, name, template);
  else await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const db = await openDatabase({ url, poolSize: 4 });
  return {
    ...db,
    url,
    reopen: () => openDatabase({ url, poolSize: 4 }),
    async destroy() {
      await db.close();
      const drop = adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      // DROP DATABASE waits for a checkpoint (about a second): under vitest it finishes while the
      // next file runs, and the run's teardown drops anything still left.
      if (template) drop.catch(() => undefined);
      else await drop;
    },
  };
}

/** PostgreSQL refuses to copy a template while another session is connected to it: retry briefly. */
async function createFromTemplate(serverUrl: string, name: string, template: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      if (attempt >= 40 || !/is being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 75));
    }
  }
}

/** The template migrated by test/support/global-setup.ts for this run, if any. */
async function runTemplate(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import("vitest");
  return inject("klassrukTemplate");
}
