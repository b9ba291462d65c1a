import type { Db } from "../../db/open-database.js";
import type { Logger } from "../../logger.js";
import type { ProductionYear } from "../../domain/calendar/production-calendar.js";
import { deliveryTime, hoursFor } from "../../domain/reminders/delivery-window.js";
import { localClock } from "../../domain/reminders/local-time.js";
import { notificationKey } from "../../domain/reminders/notification.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createReminderRepository } from "../../repositories/reminder-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";

export interface NoticeUnreachableDeps {
  db: Db;
  productionYears: readonly ProductionYear[];
  logger: Logger;
  now: () => Date;
}

/**
 * Tells the school's deputy (else its director) once that a person no longer gets the bot's
 * messages. The key makes it one notice per person per day, however many messages bounced.
 */
export async function noticeUnreachable(deps: NoticeUnreachableDeps, subject: { userId: number; schoolId: number }): Promise<boolean> {
  const reminders = createReminderRepository(deps.db);
  const target = await reminders.unreachableNoticeTarget(subject.schoolId, subject.userId);
  const school = await createSchoolRepository(deps.db).schoolDays(subject.schoolId, deps.productionYears);
  const clockSettings = await reminders.schoolHours(subject.schoolId);
  if (!target || !school || !clockSettings) {
    deps.logger.warn({ user: subject.userId, school: subject.schoolId }, "nobody to tell that a person is unreachable");
    return false;
  }
  const now = deps.now();
  const timeZone = clockSettings.timezone;
  const clock = localClock(now, timeZone);
  const notBefore = deliveryTime({
    now,
    clock,
    timeZone,
    calendar: school.calendar,
    window: hoursFor(clockSettings.hours, target.recipient),
  });
  const inserted = await createOutboxRepository(deps.db).ensure(
    [
      {
        key: notificationKey(target.recipient.userId, `u${subject.userId}`, "-", "userUnreachable", clock.date),
        schoolId: subject.schoolId,
        userId: target.recipient.userId,
        kind: "userUnreachable",
        urgent: false,
        notBefore,
        payload: { userId: subject.userId, fullName: target.subject.fullName, teacher: target.subject.teacher, date: clock.date },
      },
    ],
    { at: now },
  );
  return inserted > 0;
}
