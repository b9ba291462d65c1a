import { addDays, type LocalDate } from "../../domain/dates.js";
import type { SchoolDays } from "../../domain/calendar/types.js";
import { instantAt, localClock } from "../../domain/reminders/local-time.js";
import {
  notificationKey,
  type DeputyDigestItem,
  type DeputyDigestPayload,
  type PlannedNotification,
} from "../../domain/reminders/notification.js";
import { subjectLabel } from "../../domain/reminders/subject-label.js";
import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { loadSchoolCases, type SchoolCase } from "./school-cases.js";
import { studentsAtRisk } from "../attendance/plan-attendance-warnings.js";

/** A section longer than this says the first ones only (the deputy has /overdue and /school). */
const MAX_ITEMS = 25;

/** The school day before `today` (vacations and holidays skipped), at most a few weeks back. */
function previousSchoolDay(calendar: SchoolDays, today: LocalDate): LocalDate {
  let day = addDays(today, -1);
  for (let i = 0; i < 60 && !calendar.isSchoolDay(day); i++) day = addDays(day, -1);
  return day;
}

/**
 * The morning digest for each deputy, on school days from the school's digest hour until the end
 * of its working day: one outbox row per deputy per date (its key), so a rerun, a restart or a
 * second process adds nothing. «Since yesterday» is since the previous school day's digest hour,
 * so Monday's digest covers the weekend.
 */
export async function planDeputyDigests(deps: CaseServiceDeps): Promise<{ planned: number }> {
  const views = createDeputyViewsRepository(deps.db);
  const schools = createSchoolRepository(deps.db);
  const outbox = createOutboxRepository(deps.db);
  const now = deps.now();
  let planned = 0;
  for (const school of await views.digestSchools()) {
    const clock = localClock(now, school.timezone);
    if (clock.hour < school.digestHour || clock.hour >= Math.max(school.workEndHour, school.digestHour + 1)) continue;
    const days = await schools.schoolDays(school.id, deps.productionYears);
    if (!days || !days.calendar.isSchoolDay(clock.date)) continue;
    const today = clock.date;
    const deputies = [];
    for (const deputy of await views.deputies(school.id)) {
      const key = notificationKey(deputy.userId, `school${school.id}`, "morning", "deputyDigest", today);
      if (!(await views.outboxKeyExists(key))) deputies.push({ ...deputy, key });
    }
    if (deputies.length === 0) continue;

    const since = instantAt(previousSchoolDay(days.calendar, today), school.digestHour, school.timezone);
    const loaded = await loadSchoolCases(deps, school.id);
    const byId = new Map(loaded.cases.map((c) => [c.caseId, c]));
    const item = (c: SchoolCase, stepId?: string): DeputyDigestItem => {
      const step = c.regulation.steps.find((r) => r.id === stepId);
      return {
        caseId: c.caseId,
        subject: subjectLabel(c.studentName, c.classLabel, school.hideNamesInPush),
        ...(step ? { stepNumber: step.number } : {}),
        ...(step?.title ? { stepTitle: step.title } : {}),
      };
    };

    // The early warning's students, the same for every deputy of the school.
    const atRisk = (await studentsAtRisk(deps, { ...school, warnDays: school.attendanceWarnDays }, days.calendar, today))
      .slice(0, MAX_ITEMS)
      .map((s) => ({
        subject: subjectLabel(s.fullName, s.classLabel, school.hideNamesInPush),
        days: s.days,
        ...(s.contactedOn ? { contactedOn: s.contactedOn } : {}),
      }));
    const rows: PlannedNotification[] = [];
    for (const deputy of deputies) {
      // Each deputy hears of the cases in their charge.
      const theirs = loaded.cases.filter((c) => c.deputyInCharge === deputy.memberId);
      const newCases = theirs.filter((c) => c.createdAt >= since).map((c) => item(c));
      const dueToday = theirs.flatMap((c) => c.steps.filter((s) => s.status === "dueToday").map((s) => item(c, s.stepId)));
      const escalations = (await views.escalationsTo(deputy.userId, since)).flatMap((e) =>
        byId.has(e.caseId) ? [item(byId.get(e.caseId)!, e.stepId)] : [],
      );
      if (newCases.length + escalations.length + dueToday.length + atRisk.length === 0) continue;
      const payload: DeputyDigestPayload = {
        date: today,
        newCases: newCases.slice(0, MAX_ITEMS),
        escalations: escalations.slice(0, MAX_ITEMS),
        dueToday: dueToday.slice(0, MAX_ITEMS),
        ...(atRisk.length > 0 ? { atRisk } : {}),
      };
      rows.push({
        key: deputy.key,
        schoolId: school.id,
        userId: deputy.userId,
        kind: "deputyDigest",
        urgent: false,
        notBefore: now,
        payload,
      });
    }
    planned += await outbox.ensure(rows, { at: now });
  }
  return { planned };
}
