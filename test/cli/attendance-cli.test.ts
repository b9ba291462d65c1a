import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufferIo } from "../../src/cli/command.js";
import { runCli } from "../../src/cli/main.js";
import { toCp1251 } from "../support/cp1251.js";
import { movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
let world: CaseWorld;
const tmp = mkdtempSync(join(tmpdir(), "klassruk-cli-attendance-"));

beforeAll(async () => {
  db = await createTestDatabase();
  world = await seedCaseWorld(db.prisma, { telegramBase: 9870, now: movableClock("2026-11-16").now });
});
afterAll(async () => {
  await db.destroy();
  rmSync(tmp, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const io = bufferIo({ env: {}, now: new Date("2026-11-16T09:00:00Z") });
  const code = await runCli([...argv, "--database-url", db.url], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function file(name: string, content: Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe("npm run cli -- attendance import", () => {
  it("imports a grid of 7Б (the class named on the command line), then the same file again changes nothing", async () => {
    const grid = file("7b.csv", toCp1251("ФИО;09.11.2026;10.11.2026;11.11.2026\nИванов Пётр Сергеевич;Н;Н;Н\nСмирнова Анна Олеговна;;Б;"));
    const args = ["attendance", "import", "--school", String(world.schoolId), "--class", "7Б", grid];
    expect(await run(args)).toEqual({
      code: 0,
      stdout: ["imported 2 students, 3 class days, 4 absences (a grid); 7 rows changed"],
      stderr: [],
    });
    expect((await run(args)).stdout).toEqual(["imported 2 students, 3 class days, 4 absences (a grid); 0 rows changed"]);
    expect(await db.prisma.attendanceMark.count()).toBe(4);
  });

  it("imports the sample files the README shows", async () => {
    for (const sample of ["attendance-grid.csv", "attendance-rows.csv"]) {
      const path = join(import.meta.dirname, "../../docs/samples", sample);
      const result = await run(["attendance", "import", "--school", String(world.schoolId), path]);
      expect(result.stderr).toEqual([]);
      expect(result.code).toBe(0);
    }
  });

  it("lists every problem by line and imports nothing", async () => {
    const before = await db.prisma.attendanceMark.count();
    const bad = file("bad.csv", toCp1251("ФИО;Класс;Дата;Отметка\nПетров Никто;7Б;12.11.2026;Н\nИванов Пётр Сергеевич;7Б;12.11.2026;ХЗ"));
    const result = await run(["attendance", "import", "--school", String(world.schoolId), bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([
      "line 2: no student Петров Никто, 7Б",
      'line 3: unknown mark "ХЗ"',
      "known marks: unexcused: Н, НБ; excused: Б, УП; present: ОП, П, (empty). A school maps its own in the bot: /admin → School settings → Absences.",
      `error: 2 problems in ${bad}; nothing was imported`,
    ]);
    expect(await db.prisma.attendanceMark.count()).toBe(before);
  });
});
