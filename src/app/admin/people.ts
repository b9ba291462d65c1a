import { createAdminRepository, type PersonRow } from "../../repositories/admin-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createSchoolRepository, type MemberRecord } from "../../repositories/school-repository.js";
import { createDeputyRepository } from "../../repositories/deputy-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { deputyInCharge } from "../../domain/people/roles.js";
import { noticeRow } from "../notices/notice-row.js";
import { ROLES, type Actor, type Role } from "../actor.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";
import { REASSIGN_CASE_CALLBACK } from "./reassign-data.js";

export type { PersonRow };

/** Everyone of the school, active first, by role order then name. */
export async function listPeople(deps: PeopleDeps, actor: Actor | undefined): Promise<PersonRow[]> {
  const { schoolId } = await requireAdmin(deps, actor, "school:people");
  const people = await createAdminRepository(deps.db).people(schoolId);
  const rank = (p: PersonRow) => Math.min(...p.roles.map((r) => ROLES.indexOf(r)), ROLES.length);
  return people.sort((a, b) => Number(b.active) - Number(a.active) || rank(a) - rank(b) || a.fullName.localeCompare(b.fullName, "ru"));
}

async function memberOf(deps: PeopleDeps, schoolId: number, memberId: number): Promise<MemberRecord> {
  const member = await createSchoolRepository(deps.db).findMember(schoolId, memberId);
  if (!member) throw new AppError("notFound", `no member ${memberId} in school ${schoolId}`);
  return member;
}

export async function changeRoles(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; memberId: number; roles: readonly Role[] },
): Promise<void> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, `member:${options.memberId}`);
  const roles = ROLES.filter((r) => options.roles.includes(r));
  if (roles.length === 0) throw new AppError("invalidInput", "a person keeps at least one role");
  const member = await memberOf(deps, schoolId, options.memberId);
  // An administrator never takes the last admin role away (the school would have nobody to set it up).
  if (member.roles.includes("admin") && !roles.includes("admin")) {
    const admins = (await createAdminRepository(deps.db).people(schoolId)).filter((p) => p.active && p.roles.includes("admin"));
    if (admins.length <= 1) throw new AppError("conflict", "the last administrator keeps the role");
  }
  await deps.db.$transaction(async (tx) => {
    await createAdminRepository(deps.db).setRoles(tx, schoolId, options.memberId, roles);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "member.rolesChanged",
      subject: `member:${options.memberId}`,
      detail: { from: member.roles.join(","), to: roles.join(",") },
      at: deps.now(),
    });
  });
}

export interface Deactivated {
  memberId: number;
  /** Open cases the person ran: the deputy for upbringing is asked to reassign them. */
  openCaseIds: number[];
  /** The deputy in charge was told (a notice with a button per case to reassign). */
  deputyTold: boolean;
}

/** Buttons under the deputy's notice; more cases are reassigned from the cards. */
const REASSIGN_BUTTONS_MAX = 30;

/** The person no longer works in the school; their classes lose their teacher, their open cases wait for reassignment. */
export async function deactivateMember(deps: PeopleDeps, options: { actor: Actor | undefined; memberId: number }): Promise<Deactivated> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, `member:${options.memberId}`);
  if (options.memberId === actor.memberId) throw new AppError("invalidInput", "an administrator does not deactivate themselves");
  const member = await memberOf(deps, schoolId, options.memberId);
  if (!member.active) throw new AppError("conflict", `member ${options.memberId} is already inactive`);
  const admin = createAdminRepository(deps.db);
  const openCaseIds = await admin.openCasesOf(schoolId, options.memberId);
  const at = deps.now();
  const staff = await createDeputyRepository(deps.db).staff(schoolId);
  const deputy = deputyInCharge(staff.filter((m) => m.memberId !== options.memberId));
  const told =
    deputy && deputy.chatId !== null && openCaseIds.length > 0
      ? [
          noticeRow({
            schoolId,
            userId: deputy.userId,
            at,
            payload: {
              lines: [{ key: "people.deactivatedNotice", params: { name: member.fullName, count: openCaseIds.length } }],
              buttons: openCaseIds
                .slice(0, REASSIGN_BUTTONS_MAX)
                .map((id) => [
                  { label: { key: "people.reassignCase", params: { id } }, data: REASSIGN_CASE_CALLBACK.encode({ caseId: id }) },
                ]),
            },
          }),
        ]
      : [];
  await deps.db.$transaction(async (tx) => {
    await admin.setActive(tx, schoolId, options.memberId, false);
    await addNotifications(tx, told, at);
    await admin.unassignClasses(tx, schoolId, options.memberId);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "member.deactivated",
      subject: `member:${options.memberId}`,
      detail: { openCases: openCaseIds.length },
      at,
    });
  });
  return { memberId: options.memberId, openCaseIds, deputyTold: told.length > 0 };
}
