import type { WeekLength } from "../../domain/calendar/school-calendar.js";
import { isValidTimeZone } from "../../domain/dates.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createInviteRepository } from "../../repositories/invite-repository.js";
import { can } from "../access-policy.js";
import { AppError } from "../app-error.js";
import { auditActorId, refuse, type Operator, type PeopleDeps } from "./operator.js";

export interface CreateSchoolOptions {
  by: Operator;
  name: string;
  timezone: string;
  weekLength?: WeekLength;
  /** For a person creating it in the bot: the name to store if they have no user row yet. */
  fallbackName?: string;
}

export interface CreatedSchool {
  schoolId: number;
  name: string;
  timezone: string;
  weekLength: WeekLength;
  /** The creator's new admin membership (bot only). */
  adminMemberId?: number;
}

/**
 * A new school. An installation admin creating it in the bot becomes its admin member and works
 * in it from now on; from the command line it starts without members (invite an admin next).
 */
export async function createSchool(deps: PeopleDeps, options: CreateSchoolOptions): Promise<CreatedSchool> {
  const { by } = options;
  if (by !== "cli" && !can(by, "createSchool")) return refuse(deps, by, "createSchool", "school:new");
  const name = options.name.trim().replace(/\s+/g, " ");
  if (name.length < 2 || name.length > 200) throw new AppError("invalidInput", "a school name has 2 to 200 characters");
  if (!isValidTimeZone(options.timezone)) throw new AppError("invalidInput", `unknown timezone ${options.timezone}`);
  const weekLength = options.weekLength ?? 5;

  const joining = createInviteRepository(deps.db);
  const at = deps.now();
  return deps.db.$transaction(async (tx) => {
    const school = { id: await joining.insertSchool(tx, { name, timezone: options.timezone, weekLength }) };
    let adminMemberId: number | undefined;
    let actorId = auditActorId(by);
    if (by !== "cli") {
      const user = await joining.upsertUser(tx, {
        telegramId: by.telegramId,
        chatId: by.telegramId,
        fullName: by.fullName || options.fallbackName || "",
      });
      actorId = user.id;
      adminMemberId = (await joining.grantRoles(tx, school.id, user.id, ["admin"])).memberId;
    }
    await recordAudit(tx, {
      schoolId: school.id,
      actorId,
      action: "school.created",
      subject: `school:${school.id}`,
      detail: { timezone: options.timezone, weekLength, adminMemberId: adminMemberId ?? null },
      at,
    });
    return { schoolId: school.id, name, timezone: options.timezone, weekLength, ...(adminMemberId ? { adminMemberId } : {}) };
  });
}
