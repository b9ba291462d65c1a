import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RegulationCatalog } from "../domain/regulation/catalog.js";
import { regulationSchema, type Regulation } from "../domain/regulation/schema.js";

/** The regulations shipped with the bot: `<repo>/regulations`. */
export const BUILTIN_REGULATIONS_DIR = fileURLToPath(new URL("../../regulations/", import.meta.url));

/** A regulation file that cannot be used; the message names the file (and the field, if any). */
export class RegulationLoadError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "RegulationLoadError";
  }
}

/** `["steps", 2, "timing", "days"]` → `steps[2].timing.days`. */
function formatPath(issuePath: readonly PropertyKey[]): string {
  let out = "";
  for (const key of issuePath) {
    out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
  }
  return out || "(root)";
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join("; ");
}

/** Parses and validates one definition file's text; `file` is used in error messages. */
export function parseRegulation(file: string, json: string): Regulation {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new RegulationLoadError(file, `invalid JSON: ${(error as Error).message}`);
  }
  const result = regulationSchema.safeParse(data);
  if (!result.success) throw new RegulationLoadError(file, formatIssues(result.error.issues));
  return result.data;
}

function readDir(dir: string): { file: string; regulation: Regulation }[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".json"))
      .map((e) => e.name);
  } catch (error) {
    throw new RegulationLoadError(dir, `cannot read the regulations directory: ${(error as Error).message}`);
  }
  return names.sort().map((name) => {
    const file = path.join(dir, name);
    return { file, regulation: parseRegulation(file, fs.readFileSync(file, "utf8")) };
  });
}

/**
 * Loads the built-in regulations plus, optionally, a school's own directory (REGULATIONS_DIR).
 * A school file with a built-in's id and a higher version becomes that regulation's current
 * version; every version stays reachable through `catalog.get(id, version)`.
 */
export function loadRegulations(options: { extraDir?: string } = {}): RegulationCatalog {
  const entries = readDir(BUILTIN_REGULATIONS_DIR);
  if (options.extraDir) entries.push(...readDir(path.resolve(options.extraDir)));

  const seen = new Map<string, string>();
  for (const { file, regulation } of entries) {
    const key = `${regulation.id}@${regulation.version}`;
    const other = seen.get(key);
    if (other) {
      throw new RegulationLoadError(file, `regulation "${regulation.id}" version ${regulation.version} is already defined in ${other}`);
    }
    seen.set(key, file);
  }
  return new RegulationCatalog(entries.map((e) => e.regulation));
}
