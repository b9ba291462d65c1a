import { localDateIn } from "../../domain/dates.js";
import { notificationKey } from "../../domain/reminders/notification.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { createSosRepository, type SosAlertRecord } from "../../repositories/sos-repository.js";
import { can, type Action } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { refuse, type CaseServiceDeps } from "../cases/case-service.js";
import { schoolTime, shortName } from "./sos-people.js";

export type AcknowledgeOutcome = { outcome: "taken"; at: string } | { outcome: "already"; by: string; at: string };

/** An alert of the actor's school the actor may act on; another school's alert is "notFound", like a missing one. */
export async function loadSosAlert(
  deps: CaseServiceDeps,
  actor: Actor,
  alertId: number,
  action: Action,
): Promise<{ alert: SosAlertRecord; timezone: string }> {
  const alert = await createSosRepository(deps.db).find(alertId);
  if (!alert || actor.schoolId === undefined || alert.schoolId !== actor.schoolId)
    throw new AppError("notFound", `no alert ${alertId} in the actor's school`);
  if (!can(actor, action, { schoolId: alert.schoolId, teacherMemberId: alert.teacherMemberId }))
    return refuse(deps, actor, action, `sos:${alertId}`);
  const settings = await createSchoolRepository(deps.db).calendarSettings(alert.schoolId);
  return { alert, timezone: settings?.timezone ?? "Europe/Moscow" };
}

/**
 * «Принято»: the first press wins (a conditional update); later presses learn who took it. The
 * teacher is told through the outbox (urgent, at any hour); re-alerts stop as the alert is taken.
 */
export async function acknowledgeSos(deps: CaseServiceDeps, options: { actor: Actor; alertId: number }): Promise<AcknowledgeOutcome> {
  const { actor, alertId } = options;
  const { alert, timezone } = await loadSosAlert(deps, actor, alertId, "acknowledgeSos");
  const sos = createSosRepository(deps.db);
  const at = deps.now();
  const taken = await deps.db.$transaction(async (tx) => {
    if (!(await sos.acknowledge(tx, alertId, actor.memberId!, at))) return false;
    await recordAudit(tx, {
      schoolId: alert.schoolId,
      actorId: actor.userId ?? null,
      action: "sos.acknowledged",
      subject: `sos:${alertId}`,
      detail: { memberId: actor.memberId ?? null },
      at,
    });
    return true;
  });
  if (!taken) {
    const current = (await sos.find(alertId))!;
    const by = current.acknowledgedBy !== null ? await sos.person(alert.schoolId, current.acknowledgedBy) : undefined;
    return { outcome: "already", by: shortName(by?.fullName ?? ""), at: schoolTime(current.acknowledgedAt!, timezone) };
  }
  const when = schoolTime(at, timezone);
  const teacher = await sos.person(alert.schoolId, alert.teacherMemberId);
  if (teacher) {
    const date = localDateIn(alert.createdAt, timezone);
    await createOutboxRepository(deps.db).ensure(
      [
        {
          key: notificationKey(teacher.userId, `sos${alertId}`, "ack", "sosAcknowledged", date),
          schoolId: alert.schoolId,
          userId: teacher.userId,
          kind: "sosAcknowledged",
          urgent: true,
          notBefore: at,
          payload: { alertId, date, teacherName: shortName(teacher.fullName), acknowledgedBy: actor.fullName, acknowledgedAt: when },
        },
      ],
      { at },
    );
  }
  return { outcome: "taken", at: when };
}
