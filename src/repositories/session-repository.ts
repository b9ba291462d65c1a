import { PrismaAdapter } from "@grammyjs/storage-prisma";
import type { Db } from "../db/open-database.js";

/**
 * Session rows by key (a chat's dialogue state is "conv:<chat id>"), in PrismaAdapter's format:
 * the value is the JSON text of what was written.
 */
export function createSessionRepository(db: Db) {
  const rows = new PrismaAdapter<unknown>(db.session);
  return {
    /** The stored JSON text; null when there is no row. */
    async read(key: string): Promise<string | null> {
      return (await db.session.findUnique({ where: { key }, select: { value: true } }))?.value ?? null;
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
