import { PrismaAdapter } from "@grammyjs/storage-prisma";
import type { Db } from "../db/open-database.js";
import { placeholders, providerOfClient } from "./outbox-repository.js";
import { readRaw } from "../db/raw-sql.js";

/**
 * Session rows by key (a chat's dialogue state is "conv:<chat id>"), in PrismaAdapter's format:
 * the value is the JSON text of what was written.
 */
export function createSessionRepository(db: Db) {
  const rows = new PrismaAdapter<unknown>(db.session);
  // Raw: every update reads its chat's row (a write is rare: only inside a dialogue).
  const readSql = `SELECT "value" FROM "Session" WHERE "key" = ${placeholders(providerOfClient(db))()}`;
  return {
    /** The stored JSON text; null when there is no row. */
    async read(key: string): Promise<string | null> {
      const [row] = await readRaw<{ value: string }[]>(db, readSql, key);
      return row?.value ?? null;
    },
    async write(key: string, value: unknown): Promise<void> {
      await rows.write(key, value);
    },
    async delete(key: string): Promise<void> {
      await rows.delete(key);
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
