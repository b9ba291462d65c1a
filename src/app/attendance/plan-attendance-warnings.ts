import { addDays, type LocalDate } from "../../domain/dates.js";
import type { SchoolDays } from "../../domain/calendar/types.js";
import {
  criterion22Day,
  currentAbsenceRun,
  returnedOn,
  schoolDaysUntilCriterion22,
  withExcusedRuns,
} from "../../domain/attendance/absence-run.js";
import { CRITERION_22_SCHOOL_DAYS } from "../../domain/calendar/criterion22.js";
import { formatRussianDate, localDateIn } from "../../domain/dates.js";
import { subjectLabel } from "../../domain/people/names.js";
import { localClock } from "../../domain/reminders/local-time.js";
import type { NoticeLine, NoticePayload, PlannedNotification } from "../../domain/reminders/notification.js";
import { createAttendanceRepository, type RunCandidate } from "../../repositories/attendance-repository.js";
import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { noticeRow } from "../notices/notice-row.js";
import { REMINDER_DATA } from "../reminders/compose-message.js";
import { attendanceAnswerData, attendanceCaseData } from "./attendance-data.js";

/** How far back a run is looked for: longer than any run the warnings care about. */
const LOOK_BACK_DAYS = 60;

/*
 * The early warning (issue 15), from the attendance the school loaded: on school days within the
 * school's hours, the class teacher of each student absent without a valid reason for the
 * school's number of school days in a row (`attendanceWarnDays`) hears of it once per run, with
 * buttons to answer (the family reached, a valid reason) or open the case; past criterion 22
 * (more than 10 days) with no absence case open, once more, with the run's first day to open one
 * with. A student back at school while their absence case is open: the teacher is asked whether to
 * close it. Each is an outbox row keyed by the student and the run's first day (or the day back),
 * so a rerun adds nothing.
 */
/** A student of the deputy's digest: the run, and the day the teacher reached the family, if they did. */
export interface StudentAtRisk {
  fullName: string;
  classLabel: string;
  days: number;
  contactedOn?: LocalDate;
}

/** A candidate's run today, with the teacher's answers applied: an excused run does not count. */
function runOf(calendar: SchoolDays, student: RunCandidate, today: LocalDate) {
  const excused = student.answers.filter((a) => a.kind === "excused").map((a) => a.runFrom);
  const marks = withExcusedRuns(calendar, student.marks, excused);
  return { marks, run: currentAbsenceRun(calendar, marks, today) };
}

/** The school's students at its threshold or more school days absent without a valid reason, longest runs first. */
export async function studentsAtRisk(
  deps: Pick<CaseServiceDeps, "db">,
  school: { id: number; timezone: string; warnDays: number },
  calendar: SchoolDays,
  today: LocalDate,
): Promise<StudentAtRisk[]> {
  const found: StudentAtRisk[] = [];
  for (const student of await createAttendanceRepository(deps.db).schoolRuns(school.id, addDays(today, -LOOK_BACK_DAYS))) {
    const { run } = runOf(calendar, student, today);
    if (run.days < school.warnDays || !run.firstDay) continue;
    const contacted = student.answers.find((a) => a.kind === "contacted" && a.runFrom === run.firstDay);
    found.push({
      fullName: student.fullName,
      classLabel: student.classLabel,
      days: run.days,
      ...(contacted ? { contactedOn: localDateIn(contacted.at, school.timezone) } : {}),
    });
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
    const rows: PlannedNotification[] = [];
    for (const student of await attendance.schoolRuns(school.id, addDays(today, -LOOK_BACK_DAYS))) {
      if (student.teacherUserId === null) continue;
      const { marks, run } = runOf(days.calendar, student, today);
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
      if (run.days < school.attendanceWarnDays || !run.firstDay) continue;
      const lines: NoticeLine[] = [
        {
          key: "attendance.warning.run",
          // «Иванов П., 7Б» (the class alone where the school hides names in pushes).
          params: { subject, count: run.days },
        },
        { key: "attendance.warning.since", params: { date: formatRussianDate(run.firstDay) } },
      ];
      if (run.daysWithoutData > 0) lines.push({ key: "attendance.warning.noData", params: { count: run.daysWithoutData } });
      const contacted = student.answers.find((a) => a.kind === "contacted" && a.runFrom === run.firstDay);
      if (contacted) {
        lines.push({
          key: "attendance.warning.contacted",
          params: { date: formatRussianDate(localDateIn(contacted.at, school.timezone)) },
        });
      }
      const key = (what: string) => `attendance:${student.studentId}:${run.firstDay}:${what}`;
      // The teacher answers: the family reached (unless already), a valid reason, or (no case open) the case, its first day filled in.
      const answer = { studentId: student.studentId, firstDay: run.firstDay };
      const buttons: NonNullable<NoticePayload["buttons"]> = [
        [
          ...(contacted ? [] : [{ label: { key: "attendance.warning.contactedButton" }, data: attendanceAnswerData("contacted", answer) }]),
          { label: { key: "attendance.warning.excusedButton" }, data: attendanceAnswerData("excused", answer) },
        ],
      ];
      if (student.openAbsenceCase === null) {
        buttons.push([{ label: { key: "attendance.warning.openCaseButton" }, data: attendanceCaseData(student.studentId, run.firstDay) }]);
      }
      if (run.days <= CRITERION_22_SCHOOL_DAYS) {
        const metOn = criterion22Day(days.calendar, run);
        lines.push({ key: "attendance.warning.criterionIn", params: { count: schoolDaysUntilCriterion22(run) } });
        if (metOn) lines.push({ key: "attendance.warning.criterionOn", params: { date: formatRussianDate(metOn) } });
        rows.push(
          noticeRow({ schoolId: school.id, userId: student.teacherUserId, payload: { lines, buttons }, at: now, key: key("warn") }),
        );
      } else if (student.openAbsenceCase === null) {
        lines.push({ key: "attendance.warning.openCase", params: { date: formatRussianDate(run.firstDay) } });
        rows.push(
          noticeRow({ schoolId: school.id, userId: student.teacherUserId, payload: { lines, buttons }, at: now, key: key("case") }),
        );
      }
    }
    if (rows.length > 0) planned += await createOutboxRepository(deps.db).ensure(rows, { at: now });
  }
  return { planned };
}
