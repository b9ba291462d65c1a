import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatViolation, readSources, type SourceFile, type Violation } from "./import-scan.js";

/*
 * docs/architecture, «One way to fail»: use cases throw AppError(code); the bot's error boundary
 * turns the code into the user's language once. Nothing else in the bot builds a locale key from a
 * refusal's code or catches a refusal to word it, and a dialogue reaches use cases through the
 * kit's `run` (which keeps a refusal an AppError across the plugin's storage, so the boundary can
 * say it).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const BOUNDARY = "src/bot/middleware/error-boundary.ts";
const KIT_RUN = "src/bot/conversations/kit/run.ts";

interface Rule {
  name: string;
  pattern: RegExp;
  applies: (path: string) => boolean;
}

const RULES: readonly Rule[] = [
  {
    name: "only the error boundary builds a locale key from a refusal's code",
    // `errors.${code}`, `admin.errors.${error.code}`, `caseErrors.${code}`, "errors." + code
    pattern: /[eE]rrors\.(?:\$\{|["'`]\s*\+)/g,
    applies: (path) => path.startsWith("src/bot/") && path !== BOUNDARY,
  },
  {
    name: "the bot does not catch a refusal to word it (a dialogue picks a code with refusedWith)",
    pattern: /\binstanceof\s+(?:AppError|CaseError)\b/g,
    applies: (path) => path.startsWith("src/bot/") && path !== BOUNDARY && path !== KIT_RUN,
  },
  {
    name: "a dialogue calls use cases through the kit's run",
    pattern: /\.external\s*\(/g,
    applies: (path) => path.startsWith("src/bot/conversations/") && !path.startsWith("src/bot/conversations/kit/"),
  },
  {
    name: "refusals are worded by the error boundary, not by a helper of their own",
    pattern: /\b(?:refusalText|refusalKey|adminErrorText)\b/g,
    applies: (path) => path.startsWith("src/"),
  },
];

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

function scanRefusals(files: readonly SourceFile[]): Violation[] {
  return files.flatMap((file) =>
    RULES.filter((rule) => rule.applies(file.path)).flatMap((rule) =>
      [...file.text.matchAll(rule.pattern)].map((m) => ({
        file: file.path,
        line: lineAt(file.text, m.index),
        rule: rule.name,
        target: m[0],
      })),
    ),
  );
}

describe("one way to fail", () => {
  it("src/ words refusals only at the error boundary", () => {
    const files = readSources(ROOT);
    expect(files.some((f) => f.path === BOUNDARY)).toBe(true);
    expect(scanRefusals(files).map(formatViolation)).toEqual([]);
  });

  it("reports each planted way of wording a refusal elsewhere", () => {
    const planted: SourceFile[] = [
      { path: "src/bot/conversations/x.ts", text: `const text = ctx.t(\`admin.errors.\${error.code}\`);\n` },
      { path: "src/bot/views/y.ts", text: 'return t("caseErrors." + code);\n' },
      {
        path: "src/bot/conversations/z.ts",
        text: "try {\n  await run();\n} catch (error) {\n  if (error instanceof AppError) return { ok: false, code: error.code };\n}\n",
      },
      { path: "src/bot/conversations/w.ts", text: "const done = await conversation.external(() => closeCase(deps, options));\n" },
      { path: "src/bot/features/v.ts", text: 'import { refusalText } from "../views/case-errors.js";\n' },
    ];
    expect(scanRefusals(planted).map(formatViolation)).toEqual([
      "src/bot/conversations/x.ts:1 only the error boundary builds a locale key from a refusal's code: errors.${",
      "src/bot/views/y.ts:1 only the error boundary builds a locale key from a refusal's code: Errors.\" +",
      "src/bot/conversations/z.ts:4 the bot does not catch a refusal to word it (a dialogue picks a code with refusedWith): instanceof AppError",
      "src/bot/conversations/w.ts:1 a dialogue calls use cases through the kit's run: .external(",
      "src/bot/features/v.ts:1 refusals are worded by the error boundary, not by a helper of their own: refusalText",
    ]);
  });

  it("allows the boundary, the kit, and a dialogue's own keys", () => {
    const fine: SourceFile[] = [
      { path: BOUNDARY, text: `return ctx.t(keys?.[code] ?? \`errors.\${code}\`);\nif (error instanceof AppError) {}\n` },
      { path: KIT_RUN, text: "return conversation.external({ task });\nif (error instanceof AppError) {}\n" },
      { path: "src/bot/conversations/kit/when.ts", text: "await conversation.external(() => now());\n" },
      { path: "src/bot/features/admin-press.ts", text: 'export const ADMIN_REFUSALS = { forbidden: "admin.errors.forbidden" };\n' },
      { path: "src/bot/conversations/new-case.ts", text: 'refusedWith(error, "notFound");\nawait run(conversation, () => x());\n' },
    ];
    expect(scanRefusals(fine)).toEqual([]);
  });
});
