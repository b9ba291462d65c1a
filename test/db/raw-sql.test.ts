import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRaw, writeRaw } from "../../src/db/raw-sql.js";
import { placeholders } from "../../src/repositories/outbox-repository.js";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/test-database.js";

/*
 * The raw reader (decision 022) runs the hot reads on the driver, beside Prisma's client. Its rows
 * must read as `$queryRawUnsafe`'s do on either provider, its arguments must bind as Prisma binds
 * them, and a read inside a transaction must still see the transaction's own writes. A bulk write
 * (on PostgreSQL through the pool) counts its rows as `$executeRawUnsafe` does, binds a date alike,
 * and inside a transaction is the transaction's.
 */

let db: TestDatabase;
let userId: number;
const createdAt = new Date("2026-12-01T09:30:15.250Z");

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await db.prisma.user.create({
    data: { telegramId: 9_007_199_254n, chatId: 9_007_199_254n, fullName: "Ёлкина Вера Петровна", reachable: false, createdAt },
  });
  userId = user.id;
});

afterAll(async () => {
  await db.destroy();
});

const p = () => placeholders(testProvider);

describe("the raw reader", () => {
  it("gives the same row as Prisma's raw query: a date as a Date, a flag as a boolean, an int8 as its number", async () => {
    const next = p();
    const sql = `SELECT "id", "telegramId", "fullName", "reachable", "createdAt", "phone" FROM "User" WHERE "id" = ${next()}`;
    type Row = { id: unknown; telegramId: unknown; fullName: string; reachable: unknown; createdAt: Date; phone: string | null };
    const [fast] = await readRaw<Row[]>(db.prisma, sql, userId);
    const [prisma] = await db.prisma.$queryRawUnsafe<Row[]>(sql, userId);
    expect(fast!.createdAt).toBeInstanceOf(Date);
    expect(fast!.createdAt.toISOString()).toBe(createdAt.toISOString());
    expect(prisma!.createdAt.toISOString()).toBe(createdAt.toISOString());
    expect(fast!.reachable).toBe(false);
    expect(Number(fast!.telegramId)).toBe(9_007_199_254);
    expect(Number(fast!.id)).toBe(Number(prisma!.id));
    expect(fast!.fullName).toBe("Ёлкина Вера Петровна");
    expect(fast!.phone).toBeNull();
  });

  it("binds a Date and a bigint as Prisma does: the comparisons agree", async () => {
    const next = p();
    const sql = `SELECT "id" FROM "User" WHERE "createdAt" >= ${next()} AND "createdAt" < ${next()} AND "telegramId" = ${next()}`;
    // From the very millisecond: on SQLite dates are text, and «…250Z» sorts after «…250+00:00».
    const around = [createdAt, new Date(createdAt.getTime() + 1), 9_007_199_254n] as const;
    const after = [new Date(createdAt.getTime() + 1), new Date(createdAt.getTime() + 2), 9_007_199_254n] as const;
    for (const args of [around, after]) {
      const fast = await readRaw<unknown[]>(db.prisma, sql, ...args);
      const prisma = await db.prisma.$queryRawUnsafe<unknown[]>(sql, ...args);
      expect(fast.length).toBe(prisma.length);
    }
    expect(await readRaw<unknown[]>(db.prisma, sql, ...around)).toHaveLength(1);
  });

  it("runs a kept statement again with other values, and more texts than it keeps", async () => {
    // On PostgreSQL the first texts are kept by name (parsed once per connection), the rest unnamed.
    const sql = `SELECT "fullName" FROM "User" WHERE "id" = ${p()()}`;
    for (let round = 0; round < 8; round++) {
      expect(await readRaw<{ fullName: string }[]>(db.prisma, sql, userId)).toEqual([{ fullName: "Ёлкина Вера Петровна" }]);
      expect(await readRaw<unknown[]>(db.prisma, sql, userId + 1000)).toEqual([]);
    }
    const texts = Array.from({ length: 520 }, (_, n) => `SELECT ${n} AS "n", "id" FROM "User" WHERE "id" = ${p()()}`);
    const answers = await Promise.all(texts.map((text) => readRaw<{ n: unknown }[]>(db.prisma, text, userId)));
    expect(answers.map(([row]) => Number(row!.n))).toEqual(texts.map((_, n) => n));
  });

  it("refuses a statement that writes", async () => {
    await expect(readRaw(db.prisma, `DELETE FROM "User" WHERE "id" = ${p()()}`, userId)).rejects.toThrow(/only reads/);
    expect(await db.prisma.user.count({ where: { id: userId } })).toBe(1);
  });

  it("inside a transaction reads through it and sees its writes; nothing of them stays after a rollback", async () => {
    const sql = `SELECT "fullName" FROM "User" WHERE "id" = ${p()()}`;
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: userId }, data: { fullName: "Иванова Вера Петровна" } });
        const [row] = await readRaw<{ fullName: string }[]>(tx, sql, userId);
        expect(row!.fullName).toBe("Иванова Вера Петровна");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const [row] = await readRaw<{ fullName: string }[]>(db.prisma, sql, userId);
    expect(row!.fullName).toBe("Ёлкина Вера Петровна");
  });

  it("sees a write as soon as it is committed", async () => {
    const sql = `SELECT "fullName" FROM "User" WHERE "id" = ${p()()}`;
    await db.prisma.user.update({ where: { id: userId }, data: { fullName: "Петрова Вера Петровна" } });
    const [row] = await readRaw<{ fullName: string }[]>(db.prisma, sql, userId);
    expect(row!.fullName).toBe("Петрова Вера Петровна");
    await db.prisma.user.update({ where: { id: userId }, data: { fullName: "Ёлкина Вера Петровна" } });
  });
});

describe("a bulk write", () => {
  const rename = () => {
    const next = p();
    return `UPDATE "User" SET "fullName" = ${next()} WHERE "id" = ${next()} AND "createdAt" = ${next()}`;
  };

  it("counts the rows it changed, binds a date as Prisma does, and is seen by Prisma at once", async () => {
    expect(await writeRaw(db.prisma, rename(), "Сидорова Вера Петровна", userId, createdAt)).toBe(1);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).fullName).toBe("Сидорова Вера Петровна");
    expect(await writeRaw(db.prisma, rename(), "Никто", userId, new Date(createdAt.getTime() + 1))).toBe(0);
    expect(await writeRaw(db.prisma, rename(), "Ёлкина Вера Петровна", userId, createdAt)).toBe(1);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).fullName).toBe("Ёлкина Вера Петровна");
  });

  it("inside a transaction is written on its connection: a rollback leaves nothing of it", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        expect(await writeRaw(tx, rename(), "Иванова Вера Петровна", userId, createdAt)).toBe(1);
        expect((await tx.user.findUniqueOrThrow({ where: { id: userId } })).fullName).toBe("Иванова Вера Петровна");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).fullName).toBe("Ёлкина Вера Петровна");
  });
});
