import { localDateIn } from "../../domain/dates.js";
import { notificationKey, type PlannedNotification, type SosPayload } from "../../domain/reminders/notification.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { createSosRepository, type SosAlertRecord } from "../../repositories/sos-repository.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { DEFAULT_SOS_REALERT_MINUTES, SOS_MAX_ROUNDS } from "./sos-situations.js";
import { sosRecipients, shortName } from "./sos-people.js";

export interface DispatchSosOptions {
  /** Minutes between rounds (SOS_REALERT_MINUTES). */
  intervalMinutes?: number;
  /** Only this alert (right after it was raised). */
  alertId?: number;
}

/** A run a few seconds early still counts: cron ticks on the minute, the alert was raised mid-minute. */
const SLACK_MS = 30_000;

/**
 * Sends every round that is due: round 1 at once, round n+1 `interval` × n after the alert was
 * raised, until someone acknowledges it. Idempotent: a round's outbox rows have keys of their own
 * (stored once whoever stores them) and the round counter moves only from the value read, so a
 * rerun, a crash between the two writes or a second process sends nothing twice and loses nothing.
 */
export async function dispatchSos(deps: CaseServiceDeps, options: DispatchSosOptions = {}): Promise<{ rounds: number; messages: number }> {
  const intervalMs = (options.intervalMinutes ?? DEFAULT_SOS_REALERT_MINUTES) * 60_000;
  const now = deps.now();
  const sos = createSosRepository(deps.db);
  const outbox = createOutboxRepository(deps.db);
  const schools = createSchoolRepository(deps.db);
  const alerts =
    options.alertId !== undefined
      ? [await sos.find(options.alertId)].filter((a): a is SosAlertRecord => a !== undefined && a.acknowledgedAt === null)
      : await sos.unacknowledged(new Date(now.getTime() - (SOS_MAX_ROUNDS + 1) * intervalMs));

  let rounds = 0;
  let messages = 0;
  for (const alert of alerts) {
    if (alert.rounds >= SOS_MAX_ROUNDS) continue;
    const dueAt = alert.createdAt.getTime() + alert.rounds * intervalMs - (alert.rounds === 0 ? Infinity : SLACK_MS);
    if (now.getTime() < dueAt) continue;
    const round = alert.rounds + 1;
    const settings = await schools.calendarSettings(alert.schoolId);
    const teacher = await sos.person(alert.schoolId, alert.teacherMemberId);
    if (!settings || !teacher) continue;
    const student = alert.studentId !== null ? await schools.findStudent(alert.schoolId, alert.studentId) : undefined;
    const date = localDateIn(alert.createdAt, settings.timezone);
    const payload: SosPayload = {
      alertId: alert.id,
      date,
      situation: alert.kind,
      teacherName: shortName(teacher.fullName),
      round,
      ...(student ? { classLabel: student.classLabel } : {}),
      ...(teacher.phone ? { phone: teacher.phone } : {}),
    };
    const rows: PlannedNotification[] = sosRecipients(await sos.staff(alert.schoolId), round, alert.teacherMemberId).map((person) => ({
      key: notificationKey(person.userId, `sos${alert.id}`, `r${round}`, "sosAlert", date),
      schoolId: alert.schoolId,
      userId: person.userId,
      kind: "sosAlert",
      urgent: true,
      notBefore: now,
      payload,
    }));
    messages += await outbox.ensure(rows, { at: now });
    if (await sos.advanceRound(alert.id, alert.rounds, now)) rounds++;
  }
  return { rounds, messages };
}
