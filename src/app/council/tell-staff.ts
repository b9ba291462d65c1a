import { subjectLabel } from "../../domain/people/names.js";
import { deputyInCharge, type Role } from "../../domain/people/roles.js";
import { createCouncilLookupRepository } from "../../repositories/council-lookup-repository.js";
import { createDeputyRepository } from "../../repositories/deputy-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";
import { noticeRow } from "../notices/notice-row.js";
import { whenParam } from "../notices/when-param.js";
import type { Informed } from "./info-pack.js";

/**
 * IV.3: a short notice of the agreed council to the deputy and to the staff groups the teacher
 * ticked, through the outbox. Returns how many people will be told (those who opened the bot).
 */
export async function tellStaffAboutCouncil(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; informed: readonly Informed[] },
): Promise<number> {
  const { stored, at, settings } = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  const caseId = Number(stored.state.id);
  const council = await createCouncilLookupRepository(deps.db).latestForCase(stored.schoolId, caseId);
  if (council?.status !== "agreed" || !council.agreedAt) return 0;
  const roles: Role[] = [
    ...(options.informed.includes("subjectTeachers") ? (["teacher"] as const) : []),
    ...(options.informed.includes("otherStaff") ? (["specialist", "director"] as const) : []),
  ];
  if (roles.length === 0) return 0;
  const staff = await createDeputyRepository(deps.db).staff(stored.schoolId);
  const deputy = deputyInCharge(staff);
  const chosen = staff.filter((m) => m === deputy || m.roles.some((r) => roles.includes(r)));
  const student =
    stored.studentId !== null ? await createSchoolRepository(deps.db).findStudent(stored.schoolId, stored.studentId) : undefined;
  const params = {
    form: { t: `council.forms.${council.agreedForm ?? council.proposedForm}` },
    when: whenParam(council.agreedAt, settings.timezone),
    subject: subjectLabel(student?.fullName, student?.classLabel ?? stored.state.classLabel),
  };
  const rows = chosen
    .filter((m) => m.memberId !== options.actor.memberId && m.chatId !== null)
    .map((m) =>
      noticeRow({ schoolId: stored.schoolId, userId: m.userId, at, payload: { lines: [{ key: "infoPack.staffNotice", params }] } }),
    );
  await addNotifications(deps.db, rows, at);
  return rows.length;
}
