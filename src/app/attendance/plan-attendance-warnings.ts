import { addDays, type LocalDate } from "../../domain/dates.js";
import type { SchoolDays } from "../../domain/calendar/types.js";
import {
  criterion22Day,
  currentAbsenceRun,
  EARLY_WARNING_SCHOOL_DAYS,
  returnedOn,
  schoolDaysUntilCriterion22,
} from "../../domain/attendance/absence-run.js";
import { CRITERION_22_SCHOOL_DAYS } from "../../domain/calendar/criterion22.js";
import { formatRussianDate } from "../../domain/dates.js";
import { subjectLabel } from "../../domain/people/names.js";
import { localClock } from "../../domain/reminders/local-time.js";
import type { NoticeLine, NoticePayload, PlannedNotification } from "../../domain/reminders/notification.js";
import { createAttendanceRepository } from "../../repositories/attendance-repository.js";
import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { noticeRow } from "../notices/notice-row.js";
import { REMINDER_DATA } from "../reminders/compose-message.js";
import { attendanceCaseData } from "./attendance-data.js";

/** How far back a run is looked for: longer than any run the warnings care about. */
const LOOK_BACK_DAYS = 60;

/**
 * The early warning (issue 15), from the attendance the school loaded: on school days within the
 * school's hours, the class teacher of each student absent without a valid reason for
 * EARLY_WARNING_SCHOOL_DAYS school days in a row hears of it once per run; past criterion 22
 * (more than 10 days) with no absence case open, once more, with the run's first day to open one
 * with. A student back at school while their absence case is open: the teacher is asked whether to
 * close it. Each is an outbox row keyed by the student and the run's first day (or the day back),
 * so a rerun adds nothing.
 */
/** The school's students at EARLY_WARNING_SCHOOL_DAYS or more school days absent without a valid reason, longest runs first. */
export async function studentsAtRisk(
  deps: Pick<CaseServiceDeps, "db">,
  schoolId: number,
  calendar: SchoolDays,
  today: LocalDate,
): Promise<{ fullName: string; classLabel: string; days: number }[]> {
  const attendance = createAttendanceRepository(deps.db);
  const since = addDays(today, -LOOK_BACK_DAYS);
  const found: { fullName: string; classLabel: string; days: number }[] = [];
  for (const student of await attendance.candidates(schoolId, since)) {
    const run = currentAbsenceRun(calendar, await attendance.marksOf(schoolId, student.studentId, since), today);
    if (run.days >= EARLY_WARNING_SCHOOL_DAYS) found.push({ fullName: student.fullName, classLabel: student.classLabel, days: run.days });
  }
  return found.sort((a, b) => b.days - a.days || a.fullName.localeCompare(b.fullName, "ru"));
}

export async function planAttendanceWarnings(deps: CaseServiceDeps): Promise<{ planned: number }> {
  const schools = createSchoolRepository(deps.db);
  const attendance = createAttendanceRepository(deps.db);
  const now = deps.now();
  let planned = 0;
  for (const school of await createDeputyViewsRepository(deps.db).digestSchools()) {
    const clock = localClock(now, school.timezone);
    if (clock.hour < school.digestHour || clock.hour >= Math.max(school.workEndHour, school.digestHour + 1)) continue;
    const days = await schools.schoolDays(school.id, deps.productionYears);
    if (!days || !days.calendar.isSchoolDay(clock.date)) continue;
    const today = clock.date;
    const since = addDays(today, -LOOK_BACK_DAYS);
    const rows: PlannedNotification[] = [];
    for (const student of await attendance.candidates(school.id, since)) {
      if (student.teacherUserId === null) continue;
      const marks = await attendance.marksOf(school.id, student.studentId, since);
      const subject = subjectLabel(school.hideNamesInPush ? undefined : student.fullName, student.classLabel);
      const back = student.openAbsenceCase !== null ? returnedOn(days.calendar, marks, today) : undefined;
      if (back && student.openAbsenceCase !== null) {
        // Back at school while the case is open: the teacher decides whether to close it.
        rows.push(
          noticeRow({
            schoolId: school.id,
            userId: student.teacherUserId,
            payload: {
              lines: [{ key: "attendance.back", params: { subject, date: formatRussianDate(back) } }],
              buttons: [[{ label: { key: "outcome.open" }, data: REMINDER_DATA.open(student.openAbsenceCase) }]],
            },
            at: now,
            key: `attendance:${student.studentId}:${back}:back`,
            caseId: student.openAbsenceCase,
          }),
        );
        continue;
      }
      const run = currentAbsenceRun(days.calendar, marks, today);
      if (run.days < EARLY_WARNING_SCHOOL_DAYS || !run.firstDay) continue;
      const lines: NoticeLine[] = [
        {
          key: "attendance.warning.run",
          // «Иванов П., 7Б» (the class alone where the school hides names in pushes).
          params: { subject, count: run.days },
        },
        { key: "attendance.warning.since", params: { date: formatRussianDate(run.firstDay) } },
      ];
      if (run.daysWithoutData > 0) lines.push({ key: "attendance.warning.noData", params: { count: run.daysWithoutData } });
      const key = (what: string) => `attendance:${student.studentId}:${run.firstDay}:${what}`;
      // No case is open (a student with one hears only of their return): the button opens it, the first day filled in.
      const buttons =
        student.openAbsenceCase === null
          ? [[{ label: { key: "attendance.warning.openCaseButton" }, data: attendanceCaseData(student.studentId, run.firstDay) }]]
          : [];
      if (run.days <= CRITERION_22_SCHOOL_DAYS) {
        const metOn = criterion22Day(days.calendar, run);
        lines.push({ key: "attendance.warning.criterionIn", params: { count: schoolDaysUntilCriterion22(run) } });
        if (metOn) lines.push({ key: "attendance.warning.criterionOn", params: { date: formatRussianDate(metOn) } });
        rows.push(
          noticeRow({
            schoolId: school.id,
            userId: student.teacherUserId,
            payload: withButtons(lines, buttons),
            at: now,
            key: key("warn"),
          }),
        );
      } else if (student.openAbsenceCase === null) {
        lines.push({ key: "attendance.warning.openCase", params: { date: formatRussianDate(run.firstDay) } });
        rows.push(
          noticeRow({
            schoolId: school.id,
            userId: student.teacherUserId,
            payload: withButtons(lines, buttons),
            at: now,
            key: key("case"),
          }),
        );
      }
    }
    if (rows.length > 0) planned += await createOutboxRepository(deps.db).ensure(rows, { at: now });
  }
  return { planned };
}

function withButtons(lines: NoticeLine[], buttons: NonNullable<NoticePayload["buttons"]>): NoticePayload {
  return buttons.length > 0 ? { lines, buttons } : { lines };
}
