import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { productionYearSchema, type ProductionYear } from "../domain/calendar/production-calendar.js";

/** The repo's built-in `calendar/` folder (two levels up from src/calendar). */
export const DEFAULT_CALENDAR_DIR = fileURLToPath(new URL("../../calendar/", import.meta.url));

/** "fiveDayWeek.nonWorkingDays[3]" */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

function formatIssues(fileName: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => (issue.path.length ? `${fileName}: ${formatPath(issue.path)}: ${issue.message}` : `${fileName}: ${issue.message}`))
    .join("\n");
}

/** Validates one year's data (a file or an admin's upload); the error names the file and the field. */
export function parseProductionYear(json: unknown, fileName: string): ProductionYear {
  const result = productionYearSchema.safeParse(json);
  if (!result.success) throw new Error(formatIssues(fileName, result.error.issues));
  return result.data;
}

/** Reads every `*.json` in `dir`, sorted by year; throws on the first invalid file. */
export function loadProductionYears(dir: string = DEFAULT_CALENDAR_DIR): ProductionYear[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort();
  const years = new Map<number, string>();
  const loaded = files.map((name) => {
    const fileName = `${basename(dir)}/${name}`;
    let json: unknown;
    try {
      // Windows editors may save a BOM, which JSON.parse rejects.
      json = JSON.parse(readFileSync(join(dir, name), "utf8").replace(/^\uFEFF/, ""));
    } catch (error) {
      throw new Error(`${fileName}: invalid JSON: ${(error as Error).message}`);
    }
    const year = parseProductionYear(json, fileName);
    const stem = name.slice(0, -".json".length);
    if (/^\d{4}$/.test(stem) && Number(stem) !== year.year) {
      throw new Error(`${fileName}: year: ${year.year} does not match the file name`);
    }
    const other = years.get(year.year);
    if (other) throw new Error(`${fileName}: year: ${year.year} is already defined in ${other}`);
    years.set(year.year, fileName);
    return year;
  });
  return loaded.sort((a, b) => a.year - b.year);
}
