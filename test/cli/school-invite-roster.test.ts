import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufferIo } from "../../src/cli/command.js";
import { runCli } from "../../src/cli/main.js";
import { toCp1251, toUtf8WithBom } from "../support/cp1251.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
const tmp = mkdtempSync(join(tmpdir(), "klassruk-cli-roster-"));

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
  rmSync(tmp, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const io = bufferIo({ env, now: new Date("2026-11-23T09:00:00Z") });
  const code = await runCli([...argv, "--database-url", db.url], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function file(name: string, content: Uint8Array | string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe("school", () => {
  it("creates schools and lists them", async () => {
    const created = await run(["school", "create", "ГБОУ Школа № 1234", "--week", "6", "--timezone", "Europe/Samara"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toEqual([expect.stringMatching(/^school \d+ created: ГБОУ Школа № 1234 \(Europe\/Samara, 6-day week\)$/)]);
    expect(created.stderr[0]).toMatch(/^next: npm run cli -- invite create --school \d+ --role admin/);
    const plain = await run(["school", "create", "Лицей"]);
    expect(plain.stdout[0]).toMatch(/\(Europe\/Moscow, 5-day week\)$/);

    const list = await run(["school", "list"]);
    expect(list.stdout).toEqual([
      expect.stringMatching(/^\d+\tГБОУ Школа № 1234\tEurope\/Samara\t6-day week\t0 members\t0 classes$/),
      expect.stringMatching(/^\d+\tЛицей\tEurope\/Moscow\t5-day week\t0 members\t0 classes$/),
    ]);
  });

  it("refuses a bad week or timezone", async () => {
    expect(await run(["school", "create", "X школа", "--week", "7"])).toMatchObject({
      code: 2,
      stderr: [expect.stringContaining("--week must be 5 or 6"), expect.anything(), expect.anything()],
    });
    const zone = await run(["school", "create", "Школа", "--timezone", "Mars/Base"]);
    expect(zone.code).toBe(1);
    expect(zone.stderr).toEqual(["error: unknown timezone Mars/Base"]);
  });
});

describe("school erase", () => {
  it("asks for --yes, then erases the school with its roster; the audit says so; a second erase finds nothing", async () => {
    const created = await run(["school", "create", "Школа на снос"]);
    const id = created.stdout[0]!.match(/^school (\d+)/)![1]!;
    const roster = file("erase.csv", "ФИО;Класс\nПетров Пётр;5А\n");
    expect((await run(["roster", "import", "--school", id, roster])).code).toBe(0);
    expect(await db.prisma.student.count({ where: { schoolId: Number(id) } })).toBe(1);

    const unconfirmed = await run(["school", "erase", "--school", id]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr[0]).toContain("add --yes");
    expect(await db.prisma.school.count({ where: { id: Number(id) } })).toBe(1);

    const erased = await run(["school", "erase", "--school", id, "--yes"]);
    expect(erased).toMatchObject({
      code: 0,
      stdout: [`school ${id} erased with its people's memberships, classes, students, cases and outbox`],
    });
    expect(await db.prisma.school.count({ where: { id: Number(id) } })).toBe(0);
    expect(await db.prisma.student.count({ where: { schoolId: Number(id) } })).toBe(0);
    expect(await db.prisma.schoolClass.count({ where: { schoolId: Number(id) } })).toBe(0);
    expect(await db.prisma.auditEvent.findMany({ where: { action: "school.erased" }, select: { schoolId: true, subject: true } })).toEqual([
      { schoolId: null, subject: `school:${id}` },
    ]);
    expect((await run(["school", "erase", "--school", id, "--yes"])).code).toBe(1);
  });
});

describe("invite", () => {
  let schoolId: number;
  beforeAll(async () => {
    schoolId = (await db.prisma.school.create({ data: { name: "Школа приглашений" } })).id;
  });

  it("prints a teacher's single-use link, the bot's name from --bot or BOT_USERNAME", async () => {
    const created = await run([
      "invite",
      "create",
      "--school",
      String(schoolId),
      "--role",
      "teacher",
      "--class",
      "7б",
      "--bot",
      "@klassruk_bot",
    ]);
    expect(created.code).toBe(0);
    const token = /^https:\/\/t\.me\/klassruk_bot\?start=([A-Za-z0-9_-]{24})$/.exec(created.stdout[0] ?? "")?.[1];
    expect(token).toBeDefined();
    expect(created.stderr).toEqual([
      expect.stringMatching(/^invite \d+: teacher 7Б, school \d+ \(Школа приглашений\), expires 2026-11-30; single use$/),
    ]);
    expect(await db.prisma.invite.findUniqueOrThrow({ where: { token: token! } })).toMatchObject({
      schoolId,
      roles: "teacher",
      classLabel: "7Б",
    });

    const fromEnv = await run(["invite", "create", "--school", String(schoolId), "--role", "deputy", "--days", "3"], {
      BOT_USERNAME: "school_helper_bot",
    });
    expect(fromEnv.stdout[0]).toMatch(/^https:\/\/t\.me\/school_helper_bot\?start=/);
    expect(fromEnv.stderr[0]).toContain("expires 2026-11-26");
  });

  it.each([
    [["--role", "teacher", "--bot", "klassruk_bot"], /needs --class/],
    [["--role", "janitor", "--bot", "klassruk_bot"], /--role must be one of teacher, deputy, specialist, director, admin/],
    [["--role", "director"], /pass --bot <username> or set BOT_USERNAME/],
    [["--role", "director", "--class", "7Б", "--bot", "klassruk_bot"], /--class is only for --role teacher/],
    [["--role", "director", "--days", "0", "--bot", "klassruk_bot"], /--days must be a whole number from 1 to 90/],
  ])("usage error for %j", async (options, message) => {
    const result = await run(["invite", "create", "--school", String(schoolId), ...options]);
    expect(result.code).toBe(2);
    expect(result.stderr[0]).toMatch(message);
    expect(result.stdout).toEqual([]);
  });

  it("fails for a school that does not exist", async () => {
    const result = await run(["invite", "create", "--school", "999999", "--role", "director", "--bot", "klassruk_bot"]);
    expect(result).toMatchObject({ code: 1, stderr: ["error: no school 999999"] });
  });

  it("lists open invitations and revokes one by token or by the whole link", async () => {
    const a = (await run(["invite", "create", "--school", String(schoolId), "--role", "admin", "--bot", "klassruk_bot"])).stdout[0]!;
    const b = (await run(["invite", "create", "--school", String(schoolId), "--role", "director", "--bot", "klassruk_bot"])).stdout[0]!;
    const tokenA = a.split("start=")[1]!;
    const list = await run(["invite", "list", "--school", String(schoolId)]);
    expect(list.stdout.some((line) => line.includes(`\t${tokenA}\tadmin, school`))).toBe(true);

    const revoked = await run(["invite", "revoke", tokenA]);
    expect(revoked).toMatchObject({ code: 0, stdout: [expect.stringMatching(/^revoked invite \d+: admin, school/)] });
    expect(await run(["invite", "revoke", tokenA])).toMatchObject({ code: 1, stderr: [expect.stringContaining("was already revoked")] });
    expect((await run(["invite", "revoke", b])).code).toBe(0);
    expect(await run(["invite", "revoke", "nonexistent-token-000000"])).toMatchObject({ code: 1, stderr: ["error: no such invitation"] });
    const after = await run(["invite", "list", "--school", String(schoolId)]);
    expect(after.stdout.some((line) => line.includes(tokenA))).toBe(false);
    expect(await db.prisma.auditEvent.count({ where: { action: "invite.revoked", schoolId } })).toBe(2);
  });
});

describe("roster import", () => {
  let schoolId: number;
  beforeAll(async () => {
    schoolId = (await db.prisma.school.create({ data: { name: "Школа списков" } })).id;
  });

  it("imports a Windows-1251 file with `;`, creating the classes", async () => {
    const path = file(
      "7b.csv",
      toCp1251("ФИО;Класс;Дата рождения\r\nИванов Пётр;7Б;01.09.2012\r\nЁлкина Алёна;7Б;\r\nСмирнов Олег;7А;\r\n"),
    );
    const result = await run(["roster", "import", "--school", String(schoolId), path]);
    expect(result).toMatchObject({
      code: 0,
      stdout: ["imported 3 students into 2 classes (2 created)", "  7А: 1 added (new class)", "  7Б: 2 added (new class)"],
      stderr: [],
    });
    expect(await db.prisma.student.count({ where: { schoolId } })).toBe(3);
  });

  it("skips students already there, reading UTF-8 with a BOM and `,`", async () => {
    const path = file("utf8.csv", toUtf8WithBom("класс,ФИО\n7Б,иванов петр\n7Б,Кузнецова Ия\n"));
    const result = await run(["roster", "import", "--school", String(schoolId), path]);
    expect(result).toMatchObject({
      code: 0,
      stdout: ["imported 1 student into 1 class", "  7Б: 1 added"],
      stderr: ["skipped line 2: иванов петр is already in 7Б"],
    });
  });

  it("imports nothing when a line has a problem, naming each by line and column", async () => {
    const path = file("bad.csv", toCp1251("ФИО;Класс;Дата рождения\nОрлов Олег;7Б;\n;7Б;\nВолков Пётр;13А;\nЗайцева Ия;7Б;32.01.2013\n"));
    const result = await run(["roster", "import", "--school", String(schoolId), path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([
      "line 3, ФИО: the name is empty",
      'line 4, Класс: "13А" is not a class (write it like 7Б)',
      'line 5, Дата рождения: "32.01.2013" is not a date (dd.mm.yyyy)',
      `error: 3 problems in ${path}; nothing was imported`,
    ]);
    expect(await db.prisma.student.count({ where: { fullName: "Орлов Олег" } })).toBe(0);
  });

  it("refuses wrong columns and files over 1 MB", async () => {
    const wrong = await run(["roster", "import", "--school", String(schoolId), file("wrong.csv", "Имя;Группа\nИванов;7Б\n")]);
    expect(wrong).toMatchObject({ code: 1, stderr: [expect.stringContaining("no header with the columns ФИО and Класс")] });
    const big = await run(["roster", "import", "--school", String(schoolId), file("big.csv", new Uint8Array(1024 * 1024 + 1))]);
    expect(big).toMatchObject({ code: 1, stderr: [expect.stringContaining("larger than 1 MB")] });
  });
});

describe("help", () => {
  it("documents BOT_USERNAME for invite create", async () => {
    const io = bufferIo();
    expect(await runCli(["help", "invite", "create"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("BOT_USERNAME");
  });
});
