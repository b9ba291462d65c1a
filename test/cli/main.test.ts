import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufferIo } from "../../src/cli/command.js";
import { migrate } from "../../src/cli/commands/migrate.js";
import { COMMANDS, findCommand, runCli } from "../../src/cli/main.js";
import { PROCESS_TEST_TIMEOUT, runProcess, tsNode } from "../support/run-process.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const tmp = mkdtempSync(join(tmpdir(), "klassruk-cli-main-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const io = bufferIo({ env });
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("help", () => {
  it.each([[[]], [["help"]], [["--help"]], [["-h"]]])("%j lists every command with an example", async (argv) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(0);
    expect(stderr).toEqual([]);
    const text = stdout.join("\n");
    for (const command of COMMANDS) {
      expect(text).toContain(`  ${[command.name, ...command.positionals].join(" ")}   `);
      if (command.name !== "help") expect(text).toContain(`npm run cli -- ${command.examples[0]}`);
    }
    expect(text).toContain("calendar next <date> <n>");
    expect(text).toContain("migrate");
  });

  it("shows one command's options with `help <command>` and `<command> --help`", async () => {
    const viaHelp = await run(["help", "calendar", "absence"]);
    const viaFlag = await run(["calendar", "absence", "--help"]);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag).toEqual(viaHelp);
    expect(viaHelp.stdout[0]).toBe("usage: npm run cli -- calendar absence <first-absence-date> [options]");
    const text = viaHelp.stdout.join("\n");
    for (const option of ["--today DATE", "--week 5|6", "--vacation FROM..TO", "--school ID", "--database-url URL", "-h, --help"]) {
      expect(text).toContain(option);
    }
  });

  it("lists a group's commands", async () => {
    const { code, stdout } = await run(["calendar", "--help"]);
    expect(code).toBe(0);
    expect(stdout.filter((l) => l.startsWith("  calendar "))).toHaveLength(COMMANDS.filter((c) => c.name.startsWith("calendar ")).length);
    expect((await run(["help", "calendar"])).stdout).toEqual(stdout);
  });

  it("the registry is consistent: unique names, summaries, examples that dispatch to their command", () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of COMMANDS) {
      expect(command.summary).not.toBe("");
      expect(command.examples.length).toBeGreaterThan(0);
      for (const example of command.examples) {
        expect(findCommand(example.split(" ")).command?.name).toBe(command.name);
      }
    }
  });
});

describe("exit codes", () => {
  it("0 and the result on stdout", async () => {
    expect(await run(["calendar", "next", "2025-12-30", "1"])).toEqual({ code: 0, stdout: ["2026-01-12"], stderr: [] });
    // A 6-day school follows the Code only: the decree's 31 December day off is a 5-day-week transfer.
    expect(await run(["calendar", "next", "30.12.2025", "1", "--week", "6"])).toMatchObject({ code: 0, stdout: ["2025-12-31"] });
  });

  it.each([
    [["frobnicate"], /^error: unknown command "frobnicate"$/],
    [["calendar"], /^error: calendar needs a command: next, absence, /],
    [["calendar", "nxt"], /^error: unknown command "calendar nxt"/],
    [["calendar", "next"], /^error: calendar next: missing <date> <n>$/],
    [["calendar", "next", "2025-12-30"], /^error: calendar next: missing <n>$/],
    [["calendar", "next", "2025-12-30", "1", "2"], /^error: calendar next: unexpected argument "2"$/],
    [["calendar", "next", "2025-12-30", "1", "--bogus"], /^error: unknown option '--bogus'$/],
    [["calendar", "next", "2025-12-30", "1", "--week"], /^error: option '--week <value>' argument missing$/],
    [["calendar", "next", "2025-02-31", "1"], /^error: <date> "2025-02-31" is not a real date: February 2025 has 28 days$/],
    [
      ["calendar", "absence", "2025-10-20", "--today", "yesterday"],
      /^error: --today "yesterday" is not a date; write it as YYYY-MM-DD or dd\.mm\.yyyy$/,
    ],
    [["migrate", "--database-url", "mysql://x"], /^error: --database-url must start with file: /],
    [["help", "nothing"], /^error: no command "nothing"$/],
  ])("2 for the usage error %j", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr[0]).toMatch(message);
    expect(stderr.at(-1)).toMatch(/^run `npm run cli -- help.*` for details$/);
  });

  it("a usage error of a known command shows its usage line", async () => {
    const { stderr } = await run(["calendar", "next", "2025-12-30"]);
    expect(stderr).toEqual([
      "error: calendar next: missing <n>",
      "usage: npm run cli -- calendar next <date> <n> [options]",
      "run `npm run cli -- help calendar next` for details",
    ]);
  });

  it("1 and a single error line, without a stack trace, for a runtime error", async () => {
    const dir = mkdtempSync(join(tmp, "runtime-"));
    const missing = await run(["calendar", "load", join(dir, "2028.json")]);
    expect(missing).toEqual({ code: 1, stdout: [], stderr: [`error: cannot read ${join(dir, "2028.json")}: no such file`] });

    const noDatabase = `file:${join(dir, "none.db")}`;
    const school = await run(["calendar", "next", "2025-12-30", "1", "--school", "1", "--database-url", noDatabase]);
    expect(school.code).toBe(1);
    expect(school.stderr).toHaveLength(1);
    expect(school.stderr[0]).toMatch(/^error: no database at SQLite .*none\.db/);
    expect(existsSync(join(dir, "none.db"))).toBe(false);
  });

  it("DATABASE_URL with a password never reaches the output", async () => {
    const { code, stderr } = await run(["calendar", "years"], { DATABASE_URL: "postgresql://klassruk:s3cret@127.0.0.1:1/klassruk" });
    expect(code).toBe(1);
    expect(stderr.join("\n")).not.toContain("s3cret");
  });
});

describe("migrate", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.destroy());

  it("applies the migrations to a new SQLite file, then says up to date", async () => {
    const url = `file:${join(tmp, "new.db")}`;
    const first = bufferIo({ env: { DATABASE_URL: url } });
    expect(await migrate({ positionals: [], values: {} }, first)).toBe(0);
    expect(first.stdout[0]).toMatch(/^database: SQLite .*new\.db$/);
    expect(first.stdout.filter((l) => l.startsWith("applied: ")).length).toBeGreaterThan(0);
    expect(first.stdout.at(-1)).toMatch(/^\d+ migrations? applied, 0 were already applied$/);

    const second = await run(["migrate", "--database-url", url]);
    expect(second.code).toBe(0);
    expect(second.stdout.at(-1)).toMatch(/^up to date \(\d+ migrations? already applied\)$/);
  });

  it("an already migrated database is up to date", async () => {
    const io = bufferIo();
    expect(await migrate({ positionals: [], values: { "database-url": db.url } }, io)).toBe(0);
    expect(io.stdout.at(-1)).toMatch(/^up to date/);
  });
});

// Everything above runs runCli in-process; these start the real entry point, as an admin does.
describe("the real command line", () => {
  function cli(...args: string[]) {
    const env = { ...process.env };
    delete env.BOT_TOKEN;
    delete env.DATABASE_URL;
    return runProcess(...tsNode("src/cli/main.ts", ...args), { env });
  }

  it("prints the first school day after 30.12.2025, without BOT_TOKEN or a database", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const result = await cli("calendar", "next", "2025-12-30", "1");
    expect(result.stdout.trim()).toBe("2026-01-12");
    expect(result.status).toBe(0);
  });

  it("exits 2 on a bad date, with a clear message and no stack trace", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const badDate = await cli("calendar", "next", "2025-02-31", "1");
    expect(badDate.status).toBe(2);
    expect(badDate.stdout).toBe("");
    expect(badDate.stderr).toContain('error: <date> "2025-02-31" is not a real date: February 2025 has 28 days');
    expect(badDate.stderr).not.toMatch(/\n\s+at /);
  });
});
