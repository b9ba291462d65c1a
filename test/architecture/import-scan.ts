import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative } from "node:path";
import ts from "typescript";

/*
 * The layering rules of docs/architecture (see docs/decisions/011-layering-test.md) as code: a
 * scan of every import and export-from specifier under src/, and two call patterns. Paths are
 * repository-relative with forward slashes ("src/bot/deps.ts").
 */

export interface SourceFile {
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  line: number;
  rule: string;
  /** The specifier or the offending call. */
  target: string;
}

/** The top folder under src ("bot"), or a top-level file's stem ("main" for src/main.ts). */
export function layerOf(path: string): string | undefined {
  const match = /^src\/([^/]+?)(?:\/|\.ts$)/.exec(path);
  return match?.[1];
}

type Target = { kind: "src"; layer: string } | { kind: "outside"; path: string } | { kind: "package"; name: string };

export function resolveTarget(fromPath: string, specifier: string): Target {
  if (!specifier.startsWith(".")) return { kind: "package", name: specifier };
  const path = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  const layer = path.startsWith("src/") ? layerOf(path.endsWith(".js") ? path.replace(/\.js$/, ".ts") : path) : undefined;
  return layer === undefined ? { kind: "outside", path } : { kind: "src", layer };
}

/** Anything with I/O or a framework, which the pure domain may not import. */
const IO_PACKAGES = [
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster|readline|os)$/,
  /^grammy(\/|$)/,
  /^@grammyjs\//,
  /^@prisma\//,
  /^pg$/,
  /^better-sqlite3$/,
  /^i18next/,
  /^node-cron$/,
  /^pino/,
];
const PRISMA_PACKAGES = [/^@prisma\//, /^@grammyjs\/storage-prisma$/];
const GRAMMY = [/^grammy(\/|$)/];

interface ImportRule {
  name: string;
  from: readonly string[];
  /** When set, the only src layers the files may import (their own is always allowed). */
  onlySrc?: readonly string[];
  forbidSrc?: readonly string[];
  forbidPackages?: readonly RegExp[];
}

export const IMPORT_RULES: readonly ImportRule[] = [
  { name: "the domain is pure", from: ["domain"], onlySrc: ["domain"], forbidPackages: IO_PACKAGES },
  {
    name: "the bot, the jobs and the dashboard call use cases, not repositories or Prisma",
    from: ["bot", "jobs", "web"],
    forbidSrc: ["repositories", "db", "generated"],
    forbidPackages: PRISMA_PACKAGES,
  },
  { name: "repositories know nothing of the layers above", from: ["repositories"], forbidSrc: ["app", "bot", "jobs"] },
  { name: "use cases return data, not Telegram objects", from: ["app"], forbidPackages: GRAMMY },
];

const PRISMA_MODEL_CALL =
  /\b(db|tx|prisma|client)\.[a-z]\w*\.(findMany|findFirst|findUnique|findFirstOrThrow|findUniqueOrThrow|create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany|count|groupBy|aggregate)\(/g;
const DIRECT_SEND = /\.(sendMessage|sendDocument|sendPhoto)\(/g;

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

export function importViolations(file: SourceFile): Violation[] {
  const from = layerOf(file.path);
  const rules = IMPORT_RULES.filter((r) => from !== undefined && r.from.includes(from));
  if (rules.length === 0) return [];
  const found: Violation[] = [];
  for (const imported of ts.preProcessFile(file.text, true, true).importedFiles) {
    const target = resolveTarget(file.path, imported.fileName);
    for (const rule of rules) {
      const bad =
        target.kind === "src"
          ? target.layer !== from &&
            ((rule.onlySrc !== undefined && !rule.onlySrc.includes(target.layer)) || (rule.forbidSrc ?? []).includes(target.layer))
          : target.kind === "package"
            ? (rule.forbidPackages ?? []).some((p) => p.test(target.name))
            : rule.onlySrc !== undefined;
      if (bad) found.push({ file: file.path, line: lineAt(file.text, imported.pos), rule: rule.name, target: imported.fileName });
    }
  }
  return found;
}

export function callViolations(file: SourceFile): Violation[] {
  const found: Violation[] = [];
  const scan = (pattern: RegExp, rule: string) => {
    for (const match of file.text.matchAll(pattern))
      found.push({ file: file.path, line: lineAt(file.text, match.index), rule, target: match[0] });
  };
  if (!file.path.startsWith("src/repositories/")) scan(PRISMA_MODEL_CALL, "only repositories call Prisma models");
  if (!file.path.startsWith("src/delivery/")) scan(DIRECT_SEND, "only the delivery sends to other people");
  return found;
}

export function scan(files: readonly SourceFile[]): Violation[] {
  return files.filter((f) => !f.path.startsWith("src/generated/")).flatMap((f) => [...importViolations(f), ...callViolations(f)]);
}

/** Every .ts file under `root`/src (Prisma's generated client excluded). */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const path = relative(root, full).split("\\").join("/");
      if (entry.isDirectory()) {
        if (path !== "src/generated") walk(full);
      } else if (entry.name.endsWith(".ts")) {
        files.push({ path, text: readFileSync(full, "utf8") });
      }
    }
  };
  walk(join(root, "src"));
  return files;
}

export function formatViolation(violation: Violation): string {
  return `${violation.file}:${violation.line} ${violation.rule}: ${violation.target}`;
}
