import { parseProductionYear } from "../../calendar/load-production-calendar.js";
import type { ProductionYear } from "../../domain/calendar/production-calendar.js";
import { createAdminRepository } from "../../repositories/admin-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { auditActorId, type Operator, type PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

export interface CalendarYearInfo {
  year: number;
  status: string;
  source: "builtin" | "uploaded";
}

/** Which production-calendar years the installation has, and where each comes from. */
export async function listCalendarYears(
  deps: PeopleDeps & { productionYears: readonly ProductionYear[] },
  actor: Actor | undefined,
): Promise<CalendarYearInfo[]> {
  await requireAdmin(deps, actor, "calendar:list");
  const uploaded = await createSchoolRepository(deps.db).uploadedProductionYears();
  const byYear = new Map<number, CalendarYearInfo>();
  for (const y of deps.productionYears) byYear.set(y.year, { year: y.year, status: y.status, source: "builtin" });
  for (const y of uploaded) byYear.set(y.year, { year: y.year, status: y.status, source: "uploaded" });
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** A year file checked against the documented format (calendar/README.md); AppError("invalidInput") names the field. */
export function parseCalendarUpload(text: string, fileName: string): ProductionYear {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new AppError("invalidInput", `${fileName}: invalid JSON: ${(error as Error).message}`);
  }
  try {
    return parseProductionYear(json, fileName);
  } catch (error) {
    throw new AppError("invalidInput", (error as Error).message);
  }
}

/**
 * Stores an uploaded year (it replaces the built-in one). The calendar is the installation's, shared
 * by every school, so only installation administrators apply it (or IT staff at the command line).
 */
export async function applyCalendarYear(
  deps: PeopleDeps,
  options: { actor: Operator | undefined; year: ProductionYear },
): Promise<{ replaced: boolean }> {
  let schoolId: number | null = null;
  let actorId: number | null = auditActorId("cli");
  if (options.actor !== "cli") {
    const admin = await requireAdmin(deps, options.actor, `calendar:${options.year.year}`);
    if (!admin.actor.installationAdmin) throw new AppError("forbidden", "only installation admins change the production calendar");
    schoolId = admin.schoolId;
    actorId = auditActorId(admin.actor);
  }
  const year = parseProductionYear(options.year, `upload ${options.year.year}`);
  const data = JSON.stringify(year);
  const admin = createAdminRepository(deps.db);
  const replaced = await deps.db.$transaction(async (tx) => {
    const replaced = await admin.saveProductionYear(tx, year.year, data);
    await recordAudit(tx, { schoolId, actorId, action: "calendar.yearUploaded", subject: `calendar:${year.year}`, at: deps.now() });
    return replaced;
  });
  return { replaced };
}
