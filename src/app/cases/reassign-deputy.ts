import { subjectLabel } from "../../domain/people/names.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createDeputyRepository, type StaffContact } from "../../repositories/deputy-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { noticeRow } from "../notices/notice-row.js";
import { REMINDER_DATA } from "../reminders/compose-message.js";
import { deputyOfCase } from "./case-deputy.js";
import { loadCaseFor, savedRevision, type CaseServiceDeps } from "./case-service.js";

/*
 * «Сменить заместителя» on a card: a deputy or the director hands a case to another deputy in
 * charge. From then on the regulation's messages to "the deputy" (outcome notices, escalations,
 * memos, meetings, the digest) go to the new one, who is told at once through the outbox.
 */

export interface DeputyTargets {
  caseId: number;
  /** Active deputies of the case's school but the current one, by name. */
  deputies: { memberId: number; fullName: string }[];
}

/** Someone who may be in charge of a case: a deputy, or the person the school named for a deputy's powers. */
function mayBeInCharge(member: StaffContact): boolean {
  return member.roles.includes("deputy") || member.upbringingDeputy || member.learningDeputy;
}

/** Whom the case may be handed to; anyone not allowed to reassign it is refused (and audited) before a name is read. */
export async function listDeputyTargets(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<DeputyTargets> {
  const { stored, regulation } = await loadCaseFor(deps, options.actor, options.caseId, "reassignDeputy");
  const staff = await createDeputyRepository(deps.db).staff(stored.schoolId);
  const current = deputyOfCase(staff, stored, regulation);
  const deputies = staff
    .filter((m) => mayBeInCharge(m) && m.memberId !== current?.memberId)
    .map((m) => ({ memberId: m.memberId, fullName: m.fullName }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, "ru"));
  return { caseId: Number(stored.state.id), deputies };
}

export interface ReassignDeputyOptions {
  actor: Actor;
  caseId: string;
  /** The member who takes the case over: an active deputy of the case's school (checked here, never trusted). */
  deputyMemberId: number;
}

/** The new deputy's name (for the reply); nothing changes when they are in charge already. */
export async function reassignDeputy(deps: CaseServiceDeps, options: ReassignDeputyOptions): Promise<{ deputyName: string }> {
  const { actor } = options;
  const { stored, regulation, at } = await loadCaseFor(deps, actor, options.caseId, "reassignDeputy");
  if (stored.state.status === "closed") throw new AppError("caseClosed", `case ${stored.state.id} is closed`);
  const staff = await createDeputyRepository(deps.db).staff(stored.schoolId);
  const target = staff.find((m) => m.memberId === options.deputyMemberId);
  if (!target || !mayBeInCharge(target)) throw new AppError("notFound", `no deputy ${options.deputyMemberId} in school ${stored.schoolId}`);
  const current = deputyOfCase(staff, stored, regulation);
  if (current?.memberId === target.memberId) return { deputyName: target.fullName };

  const caseId = Number(stored.state.id);
  const student =
    stored.studentId !== null ? await createSchoolRepository(deps.db).findStudent(stored.schoolId, stored.studentId) : undefined;
  const teacher = staff.find((m) => m.memberId === stored.teacherMemberId)?.fullName ?? "";
  const cases = createCaseRepository(deps.db);
  await deps.db.$transaction(async (tx) => {
    const revision = savedRevision(
      await cases.setDeputy(tx, stored.schoolId, stored.state.id, target.memberId, stored.revision),
      stored.state.id,
      stored.revision,
    );
    if (target.userId !== actor.userId && target.chatId !== null) {
      const notice = noticeRow({
        key: `deputy:${caseId}:${revision}:${target.userId}`,
        schoolId: stored.schoolId,
        userId: target.userId,
        caseId,
        at,
        payload: {
          lines: [
            {
              key: "caseDeputy.assignedNotice",
              params: { subject: subjectLabel(student?.fullName, student?.classLabel ?? stored.state.classLabel) },
            },
            { key: "outcome.regulation", params: { name: regulation.shortTitle ?? regulation.title } },
            { key: "outcome.teacher", params: { name: teacher } },
            { key: "caseDeputy.assignedBy", params: { name: actor.fullName } },
          ],
          buttons: [[{ label: { key: "outcome.open" }, data: REMINDER_DATA.open(caseId) }]],
        },
      });
      await addNotifications(tx, [notice], at);
    }
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: actor.userId ?? null,
      action: "case.deputyReassigned",
      subject: `case:${caseId}`,
      detail: { memberId: actor.memberId ?? null, revision, fromMemberId: current?.memberId ?? null, toMemberId: target.memberId },
      at,
    });
  });
  return { deputyName: target.fullName };
}
