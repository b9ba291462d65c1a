import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/open-database.js";

/**
 * A real, migrated database per test file. SQLite by default (a throw-away file); set
 * TEST_DATABASE_URL=postgresql://...@127.0.0.1/... to run the same tests on PostgreSQL, where
 * each file gets a database of its own on that server, dropped afterwards.
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
  const url = `file:${path.join(dir, "test.db")}`;
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
  const server = new URL(serverUrl);
  if (!["127.0.0.1", "localhost"].includes(server.hostname)) {
    throw new Error("TEST_DATABASE_URL must point at 127.0.0.1: tests create and drop databases there");
  }
  const name = `klassruk_t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    ...db,
    url: url.toString(),
    reopen: () => openDatabase({ url: url.toString(), poolSize: 4 }),
    async destroy() {
      await db.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
