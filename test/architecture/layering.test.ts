import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatViolation, readSources, scan, type SourceFile } from "./import-scan.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("the layers (docs/decisions/011-layering-test.md)", () => {
  it("src/ crosses no forbidden boundary", () => {
    const files = readSources(ROOT);
    expect(files.length).toBeGreaterThan(100);
    expect(scan(files).map(formatViolation)).toEqual([]);
  });

  it("reports a planted bad import, in each of its forms", () => {
    const planted: SourceFile[] = [
      { path: "src/bot/x.ts", text: 'import { createCaseRepository } from "../repositories/case-repository.js";\n' },
      {
        path: "src/bot/features/y.ts",
        text: 'import type { Db } from "../../db/open-database.js";\nexport { PrismaClient } from "@prisma/client";\n',
      },
      { path: "src/jobs/z.ts", text: 'const r = await import("../repositories/outbox-repository.js");\n' },
      {
        path: "src/domain/case/w.ts",
        text: 'import { readFileSync } from "node:fs";\nimport { can } from "../../app/access-policy.js";\nimport type { Bot } from "grammy";\n',
      },
      { path: "src/repositories/v.ts", text: 'import { AppError } from "../app/app-error.js";\n' },
      { path: "src/app/u.ts", text: 'import type { InlineKeyboardButton } from "grammy/types";\n' },
    ];
    expect(scan(planted).map(formatViolation)).toEqual([
      "src/bot/x.ts:1 the bot, the jobs and the dashboard call use cases, not repositories or Prisma: ../repositories/case-repository.js",
      "src/bot/features/y.ts:1 the bot, the jobs and the dashboard call use cases, not repositories or Prisma: ../../db/open-database.js",
      "src/bot/features/y.ts:2 the bot, the jobs and the dashboard call use cases, not repositories or Prisma: @prisma/client",
      "src/jobs/z.ts:1 the bot, the jobs and the dashboard call use cases, not repositories or Prisma: ../repositories/outbox-repository.js",
      "src/domain/case/w.ts:1 the domain is pure: node:fs",
      "src/domain/case/w.ts:2 the domain is pure: ../../app/access-policy.js",
      "src/domain/case/w.ts:3 the domain is pure: grammy",
      "src/repositories/v.ts:1 repositories know nothing of the layers above: ../app/app-error.js",
      "src/app/u.ts:1 use cases return data, not Telegram objects: grammy/types",
    ]);
  });

  it("allows the arrows the architecture draws", () => {
    const fine: SourceFile[] = [
      { path: "src/bot/x.ts", text: 'import { openCase } from "../app/cases/open-case.js";\nimport { Composer } from "grammy";\n' },
      {
        path: "src/app/y.ts",
        text: 'import { createCaseRepository } from "../repositories/case-repository.js";\nimport type { Db } from "../db/open-database.js";\n',
      },
      {
        path: "src/repositories/z.ts",
        text: 'import { parseRoles } from "../domain/people/roles.js";\nimport { Prisma } from "../generated/prisma/client.js";\n',
      },
      { path: "src/domain/w.ts", text: 'import { z } from "zod";\nimport { addDays } from "./dates.js";\n' },
      { path: "src/main.ts", text: 'import { createCaseRepository } from "./repositories/case-repository.js";\n' },
    ];
    expect(scan(fine)).toEqual([]);
  });

  it("reports a Prisma model call outside the repositories and a direct send outside the delivery", () => {
    const planted: SourceFile[] = [
      { path: "src/app/admin/x.ts", text: "async function f() {\n  await tx.schoolClass.updateMany({ where: {} });\n}\n" },
      { path: "src/cli/commands/y.ts", text: "const rows = await prisma.productionYear.findMany({});\n" },
      { path: "src/bot/features/z.ts", text: "await ctx.api.sendMessage(chatId, text);\n" },
      { path: "src/repositories/ok.ts", text: "await db.school.findMany({});\n" },
      { path: "src/delivery/ok.ts", text: "await api.sendDocument(chatId, file);\n" },
    ];
    expect(scan(planted).map(formatViolation)).toEqual([
      "src/app/admin/x.ts:2 only repositories call Prisma models: tx.schoolClass.updateMany(",
      "src/cli/commands/y.ts:1 only repositories call Prisma models: prisma.productionYear.findMany(",
      "src/bot/features/z.ts:1 only the delivery sends to other people: .sendMessage(",
    ]);
  });
});
