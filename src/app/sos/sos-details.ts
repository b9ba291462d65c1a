import { createSchoolRepository } from "../../repositories/school-repository.js";
import { createSosRepository } from "../../repositories/sos-repository.js";
import type { Actor } from "../actor.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { loadSosAlert } from "./acknowledge-sos.js";
import { schoolTime } from "./sos-people.js";

export interface SosDetails {
  alertId: number;
  kind: string;
  text: string;
  raisedAt: string;
  teacher: { fullName: string; phone: string | null };
  student?: { fullName: string; classLabel: string };
  acknowledged?: { by: string; at: string };
}

/** What «Подробнее» shows: only to the alert's teacher and the school's deputies and director. */
export async function getSosDetails(deps: CaseServiceDeps, options: { actor: Actor; alertId: number }): Promise<SosDetails> {
  const { alert, timezone } = await loadSosAlert(deps, options.actor, options.alertId, "viewSos");
  const sos = createSosRepository(deps.db);
  const teacher = await sos.person(alert.schoolId, alert.teacherMemberId);
  const student = alert.studentId !== null ? await createSchoolRepository(deps.db).findStudent(alert.schoolId, alert.studentId) : undefined;
  const by = alert.acknowledgedBy !== null ? await sos.person(alert.schoolId, alert.acknowledgedBy) : undefined;
  return {
    alertId: alert.id,
    kind: alert.kind,
    text: alert.text,
    raisedAt: schoolTime(alert.createdAt, timezone),
    teacher: { fullName: teacher?.fullName ?? "", phone: teacher?.phone ?? null },
    ...(student ? { student: { fullName: student.fullName, classLabel: student.classLabel } } : {}),
    ...(alert.acknowledgedAt ? { acknowledged: { by: by?.fullName ?? "", at: schoolTime(alert.acknowledgedAt, timezone) } } : {}),
  };
}
