import { isValidTimeZone, type LocalDate } from "../../domain/dates.js";
import { parentName } from "../../domain/people/parents.js";
import type { DeputyArea } from "../../domain/people/roles.js";
import { createAdminRepository, type SchoolSettings, type SchoolSettingsChange } from "../../repositories/admin-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

export type { SchoolSettings };

/*
 * The school's settings. Each change is one transaction with an audit row naming the fields (never
 * their values when they could be personal); deadlines computed afterwards use the new values.
 */

export async function getSchoolSettings(deps: PeopleDeps, actor: Actor | undefined): Promise<SchoolSettings> {
  const { schoolId } = await requireAdmin(deps, actor, "school:settings");
  const settings = await createAdminRepository(deps.db).settings(schoolId);
  if (!settings) throw new AppError("notFound", `no school ${schoolId}`);
  return settings;
}

function validate(change: SchoolSettingsChange, current: SchoolSettings): SchoolSettingsChange {
  const clean: SchoolSettingsChange = { ...change };
  if (clean.name !== undefined) {
    clean.name = clean.name.trim().replace(/\s+/g, " ");
    if (clean.name.length < 2 || clean.name.length > 200) throw new AppError("invalidInput", "a school name has 2 to 200 characters");
  }
  const requisites = [
    ["officialName", 500],
    ["address", 300],
  ] as const;
  for (const [field, max] of requisites) {
    const value = clean[field];
    if (value === undefined) continue;
    clean[field] = value.trim().replace(/\s+/g, " ");
    if (clean[field]!.length < 3 || clean[field]!.length > max) throw new AppError("invalidInput", `${field}: 3 to ${max} characters`);
  }
  if (clean.directorName !== undefined) {
    const name = parentName(clean.directorName);
    if (!name || name.split(" ").length < 2) throw new AppError("invalidInput", "a director's name: surname, name and patronymic");
    clean.directorName = name;
  }
  if (clean.timezone !== undefined && !isValidTimeZone(clean.timezone))
    throw new AppError("invalidInput", `unknown timezone ${clean.timezone}`);
  if (clean.weekLength !== undefined && clean.weekLength !== 5 && clean.weekLength !== 6)
    throw new AppError("invalidInput", "week is 5 or 6 days");
  const start = clean.workStartHour ?? current.workStartHour;
  const end = clean.workEndHour ?? current.workEndHour;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > 24 || start >= end) {
    throw new AppError("invalidInput", `working hours ${start}–${end}`);
  }
  if (clean.digestHour !== undefined && (!Number.isInteger(clean.digestHour) || clean.digestHour < 0 || clean.digestHour > 23)) {
    throw new AppError("invalidInput", `digest hour ${clean.digestHour}`);
  }
  return clean;
}

export async function updateSchoolSettings(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; change: SchoolSettingsChange },
): Promise<SchoolSettings> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, "school:settings");
  const admin = createAdminRepository(deps.db);
  const current = await admin.settings(schoolId);
  if (!current) throw new AppError("notFound", `no school ${schoolId}`);
  const change = validate(options.change, current);
  await deps.db.$transaction(async (tx) => {
    await admin.updateSettings(tx, schoolId, change);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "school.settingsChanged",
      subject: `school:${schoolId}`,
      detail: { fields: Object.keys(change).sort().join(",") },
      at: deps.now(),
    });
  });
  return (await admin.settings(schoolId))!;
}

export async function addVacation(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; from: LocalDate; to: LocalDate },
): Promise<number> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, "school:vacations");
  if (options.to < options.from) throw new AppError("invalidInput", "a vacation ends before it starts");
  const admin = createAdminRepository(deps.db);
  return deps.db.$transaction(async (tx) => {
    const id = await admin.addVacation(tx, schoolId, options.from, options.to);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "school.vacationAdded",
      subject: `vacation:${id}`,
      detail: { from: options.from, to: options.to },
      at: deps.now(),
    });
    return id;
  });
}

export async function removeVacation(deps: PeopleDeps, options: { actor: Actor | undefined; vacationId: number }): Promise<void> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, "school:vacations");
  const admin = createAdminRepository(deps.db);
  await deps.db.$transaction(async (tx) => {
    if (!(await admin.removeVacation(tx, schoolId, options.vacationId)))
      throw new AppError("notFound", `no vacation ${options.vacationId}`);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "school.vacationRemoved",
      subject: `vacation:${options.vacationId}`,
      at: deps.now(),
    });
  });
}

/** The deputy for upbringing: absence, sections III and IV, and section II about behaviour go to them. */
export async function setUpbringingDeputy(deps: PeopleDeps, options: { actor: Actor | undefined; memberId: number }): Promise<void> {
  await setNamedDeputy(deps, { ...options, area: "upbringing" });
}

/** The deputy for learning (УВР): section II cases about learning go to them. */
export async function setLearningDeputy(deps: PeopleDeps, options: { actor: Actor | undefined; memberId: number }): Promise<void> {
  await setNamedDeputy(deps, { ...options, area: "learning" });
}

/** Cases already open keep their deputy; a new case takes the one named now. */
async function setNamedDeputy(deps: PeopleDeps, options: { actor: Actor | undefined; memberId: number; area: DeputyArea }): Promise<void> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, `member:${options.memberId}`);
  const member = await createSchoolRepository(deps.db).findMember(schoolId, options.memberId);
  if (!member || !member.active) throw new AppError("notFound", `no member ${options.memberId}`);
  if (!member.roles.includes("deputy")) throw new AppError("invalidInput", `member ${options.memberId} is not a deputy`);
  await deps.db.$transaction(async (tx) => {
    const admin = createAdminRepository(deps.db);
    if (options.area === "learning") await admin.setLearningDeputy(tx, schoolId, options.memberId);
    else await admin.setUpbringingDeputy(tx, schoolId, options.memberId);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: options.area === "learning" ? "school.learningDeputySet" : "school.upbringingDeputySet",
      subject: `member:${options.memberId}`,
      at: deps.now(),
    });
  });
}
