import { describe, expect, it } from "vitest";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import { createSchoolCalendar } from "../../../src/domain/calendar/school-calendar.js";
import { addDays } from "../../../src/domain/dates.js";
import { closeCase, completeStep, deriveSteps, openCase, recordOccurrence, type CaseState } from "../../../src/domain/case/index.js";
import { DEFAULT_SCHOOL_HOURS } from "../../../src/domain/reminders/delivery-window.js";
import type { StepPayload } from "../../../src/domain/reminders/notification.js";
import { createSchoolPlanner, type PlanRecipient, type SchoolPlanSettings } from "../../../src/domain/reminders/plan-reminders.js";
import { loadRegulations } from "../../../src/regulations/load-regulations.js";

/*
 * Planning for one absence case opened on Friday 20.02.2026 in a Moscow 5-day school. Monday
 * 23.02.2026 is a holiday, so its school days after opening are 24, 25, 26, 27.02 and 02.03.
 */

const regulations = loadRegulations();
const absence = regulations.current("absence-criterion-22");
const emergency = regulations.current("interaction-1-emergency");
const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears: loadProductionYears() });

const person = (userId: number, fullName: string, extra: Partial<PlanRecipient> = {}): PlanRecipient => ({
  userId,
  fullName,
  reachable: true,
  reminderStartHour: null,
  reminderEndHour: null,
  mutedFrom: null,
  mutedUntil: null,
  ...extra,
});
const TEACHER = person(1, "Петрова Анна Сергеевна");
const DEPUTY = person(2, "Сидоров Олег Ильич");
const DIRECTOR = person(3, "Кузнецова Мария Петровна");

const school = (extra: Partial<SchoolPlanSettings> = {}): SchoolPlanSettings => ({
  schoolId: 7,
  timeZone: "Europe/Moscow",
  calendar,
  hours: DEFAULT_SCHOOL_HOURS,
  hideNamesInPush: false,
  deputy: DEPUTY,
  directors: [DIRECTOR],
  // The director step for late steps is the school's choice (off by default); on here.
  escalateToDirector: true,
  ...extra,
});

/** Opened on the notice: step 1 is done on opening, step 2 is the first open step. */
function absenceCase(): CaseState {
  return openCase(absence, {
    id: "42",
    teacherId: "10",
    studentId: "5",
    classLabel: "7Б",
    openedOn: "2026-02-20",
    today: "2026-02-20",
    actorId: "10",
  }).state;
}

function plan(
  at: string,
  state = absenceCase(),
  options: {
    school?: Partial<SchoolPlanSettings>;
    teacher?: PlanRecipient;
    snoozed?: Map<string, string>;
    graceDays?: number;
    deputy?: PlanRecipient;
    regulation?: typeof absence;
  } = {},
) {
  const now = new Date(at);
  const planner = createSchoolPlanner(school(options.school), now, { graceDays: options.graceDays ?? 1, directorAfterDays: 3 });
  const regulation = options.regulation ?? absence;
  const views = deriveSteps(regulation, state, { calendar, today: planner.clock.date });
  return planner.plan({
    caseId: 42,
    state,
    regulation,
    views,
    teacher: options.teacher ?? TEACHER,
    ...(options.deputy ? { deputy: options.deputy } : {}),
    studentName: "Иванов Пётр",
    classLabel: "7Б",
    ...(options.snoozed ? { snoozedUntil: options.snoozed } : {}),
  });
}

const keys = (rows: ReturnType<typeof plan>) => rows.map((r) => r.key).sort();

describe("what a day brings", () => {
  it.each([
    ["2026-02-20T09:00:00+03:00", ["1:42:informDeputy:dueToday:2026-02-20"]],
    ["2026-02-21T09:00:00+03:00", []],
    ["2026-02-23T09:00:00+03:00", []],
    ["2026-02-24T09:00:00+03:00", ["1:42:informDeputy:overdue:2026-02-24"]],
    [
      "2026-02-25T09:00:00+03:00",
      ["1:42:informDeputy:overdue:2026-02-25", "1:42:informDeputy:toldDeputy:2026-02-25", "2:42:informDeputy:escalationDeputy:2026-02-25"],
    ],
    [
      "2026-02-26T09:00:00+03:00",
      [
        "1:42:informDeputy:overdue:2026-02-26",
        "1:42:informDeputy:toldDeputy:2026-02-25",
        "1:42:trackStatus:windowOpens:2026-02-26",
        "2:42:informDeputy:escalationDeputy:2026-02-25",
      ],
    ],
    [
      "2026-02-27T09:00:00+03:00",
      [
        "1:42:informDeputy:overdue:2026-02-27",
        "1:42:informDeputy:toldDeputy:2026-02-25",
        "1:42:trackStatus:dueSoon:2026-02-27",
        "2:42:informDeputy:escalationDeputy:2026-02-25",
      ],
    ],
    [
      "2026-03-02T09:00:00+03:00",
      [
        "1:42:informDeputy:overdue:2026-03-02",
        "1:42:informDeputy:toldDeputy:2026-02-25",
        "1:42:informDeputy:toldDirector:2026-03-02",
        "1:42:trackStatus:dueToday:2026-03-02",
        "2:42:informDeputy:escalationDeputy:2026-02-25",
        "3:42:informDeputy:escalationDirector:2026-03-02",
      ],
    ],
  ])("at %s", (at, expected) => {
    // Rows repeat from run to run; their keys make them one row each in the outbox.
    expect(keys(plan(at))).toEqual(expected);
  });

  it("escalates on the first late school day with no grace", () => {
    expect(keys(plan("2026-02-24T09:00:00+03:00", absenceCase(), { graceDays: 0 }))).toContain(
      "2:42:informDeputy:escalationDeputy:2026-02-24",
    );
  });

  it("stops escalating a lateness a month old (so purging old rows never repeats one)", () => {
    const rows = plan("2026-04-06T09:00:00+03:00");
    expect(rows.filter((r) => r.kind.startsWith("escalation"))).toEqual([]);
    expect(keys(rows)).toContain("1:42:informDeputy:overdue:2026-04-06");
  });

  it("says nothing about a closed case", () => {
    const closed = closeCase(absence, absenceCase(), { reason: "returned", actorId: "10", on: "2026-02-24", today: "2026-02-24" }).state;
    expect(plan("2026-02-25T09:00:00+03:00", closed)).toEqual([]);
  });
});

describe("the school day before a deadline", () => {
  // Step 4 (meeting the parents) is due 2 school days after step 3's outcome. Walking every day
  // from the outcome to the deadline, the teacher's digest first names it on the school day
  // before (weekends and the 09.03.2026 holiday skipped), once, and then on the day itself.
  it.each([
    ["Wednesday → Friday", "2026-03-04", "2026-03-05", "2026-03-06"],
    ["Thursday → Tuesday, over a weekend and a holiday", "2026-03-05", "2026-03-06", "2026-03-10"],
    ["Friday → Wednesday, over a weekend and a holiday", "2026-03-06", "2026-03-10", "2026-03-11"],
  ])("%s", (_, outcomeOn, dayBefore, dueOn) => {
    let state = absenceCase();
    for (const [stepId, extra] of [
      ["informDeputy", { form: "phone" }],
      ["trackStatus", { form: "aisHelper", answer: "notConfirmed" }],
    ] as const) {
      const on = stepId === "informDeputy" ? "2026-02-20" : outcomeOn;
      state = completeStep(absence, state, { stepId, actorId: "10", on, today: on, ...extra }).state;
    }
    const mentions: string[] = [];
    for (let day = outcomeOn; day <= dueOn; day = addDays(day, 1)) {
      for (const hour of ["08:00", "13:00", "18:59"]) {
        for (const row of plan(`${day}T${hour}:00+03:00`, state)) if (row.key.includes(":meetParents:")) mentions.push(row.key);
      }
    }
    expect([...new Set(mentions)]).toEqual([`1:42:meetParents:dueSoon:${dayBefore}`, `1:42:meetParents:dueToday:${dueOn}`]);
    const [dueSoon] = plan(`${dayBefore}T08:00:00+03:00`, state).filter((r) => r.key.includes(":meetParents:"));
    expect(dueSoon!.payload).toMatchObject({ stepNumber: "4", date: dayBefore, dueOn });
  });
});

describe("hours", () => {
  it("plans the teacher's items only inside their digest hours; escalations wait for the morning", () => {
    expect(keys(plan("2026-02-25T07:59:00+03:00"))).toEqual(["2:42:informDeputy:escalationDeputy:2026-02-25"]);
    const night = plan("2026-02-25T00:10:00+03:00");
    expect(night.map((r) => [r.kind, r.notBefore.toISOString()])).toEqual([["escalationDeputy", "2026-02-25T05:00:00.000Z"]]);
    const evening = plan("2026-02-27T19:00:00+03:00");
    expect(evening.map((r) => [r.kind, r.notBefore.toISOString()])).toEqual([["escalationDeputy", "2026-03-02T05:00:00.000Z"]]);
  });

  it("honours a teacher's own reminder hours within the school's", () => {
    const late = { ...TEACHER, reminderStartHour: 11, reminderEndHour: 15 };
    expect(plan("2026-02-24T10:00:00+03:00", absenceCase(), { teacher: late })).toEqual([]);
    expect(keys(plan("2026-02-24T11:00:00+03:00", absenceCase(), { teacher: late }))).toEqual(["1:42:informDeputy:overdue:2026-02-24"]);
  });

  it("sends a digest item at once and lets it expire at the end of the teacher's day", () => {
    const [item] = plan("2026-02-24T10:00:00+03:00");
    expect(item!.notBefore.toISOString()).toBe("2026-02-24T07:00:00.000Z");
    expect((item!.payload as StepPayload).expiresAt).toBe("2026-02-24T16:00:00.000Z");
  });
});

describe("silence", () => {
  it("mutes the teacher on vacation but never the escalations", () => {
    const away = { ...TEACHER, mutedFrom: "2026-02-24", mutedUntil: "2026-03-06" };
    expect(keys(plan("2026-03-02T09:00:00+03:00", absenceCase(), { teacher: away }))).toEqual([
      "2:42:informDeputy:escalationDeputy:2026-02-25",
      "3:42:informDeputy:escalationDirector:2026-03-02",
    ]);
    // Back from vacation: told once, with the dates the escalations happened.
    expect(keys(plan("2026-03-10T09:00:00+03:00", absenceCase(), { teacher: away })).filter((k) => k.startsWith("1:"))).toEqual([
      "1:42:informDeputy:overdue:2026-03-10",
      "1:42:informDeputy:toldDeputy:2026-02-25",
      "1:42:informDeputy:toldDirector:2026-03-02",
      "1:42:trackStatus:overdue:2026-03-10",
      "1:42:trackStatus:toldDeputy:2026-03-04",
      "1:42:trackStatus:toldDirector:2026-03-10",
    ]);
  });

  it("snoozes one step until the given date", () => {
    const snoozed = new Map([["informDeputy", "2026-02-26"]]);
    expect(keys(plan("2026-02-25T09:00:00+03:00", absenceCase(), { snoozed }))).toEqual([
      "1:42:informDeputy:toldDeputy:2026-02-25",
      "2:42:informDeputy:escalationDeputy:2026-02-25",
    ]);
    expect(keys(plan("2026-02-26T09:00:00+03:00", absenceCase(), { snoozed }))).toContain("1:42:informDeputy:overdue:2026-02-26");
  });

  it("plans nothing for people Telegram does not reach", () => {
    const rows = plan("2026-02-25T09:00:00+03:00", absenceCase(), {
      teacher: { ...TEACHER, reachable: false },
      school: { deputy: { ...DEPUTY, reachable: false } },
    });
    expect(rows).toEqual([]);
  });

  it("does not escalate to the teacher themself", () => {
    const rows = plan("2026-02-25T09:00:00+03:00", absenceCase(), { school: { deputy: TEACHER } });
    expect(keys(rows)).toEqual(["1:42:informDeputy:overdue:2026-02-25"]);
  });
});

describe("what a push may say", () => {
  it("names the student by surname, initial and class at most", () => {
    const [item] = plan("2026-02-24T10:00:00+03:00");
    expect((item!.payload as StepPayload).subject).toEqual({ name: "Иванов П.", classLabel: "7Б" });
  });

  it("names only the class where the school hides names in pushes", () => {
    const [item] = plan("2026-02-24T10:00:00+03:00", absenceCase(), { school: { hideNamesInPush: true } });
    expect((item!.payload as StepPayload).subject).toEqual({ classLabel: "7Б" });
  });

  it("keeps routine lateness with the deputy where the school has not turned the director step on (the default)", () => {
    const off = { school: { escalateToDirector: undefined } };
    expect(keys(plan("2026-03-02T09:00:00+03:00", absenceCase(), off)).filter((k) => k.includes("Director"))).toEqual([]);
    expect(keys(plan("2026-03-02T09:00:00+03:00", absenceCase(), off))).toContain("2:42:informDeputy:escalationDeputy:2026-02-25");
    expect(keys(plan("2026-03-02T09:00:00+03:00", absenceCase())).filter((k) => k.includes("Director"))).toEqual([
      "1:42:informDeputy:toldDirector:2026-03-02",
      "3:42:informDeputy:escalationDirector:2026-03-02",
    ]);
  });

  it("escalates to the case's own deputy, not the school's", () => {
    const learning = person(4, "Кузнецова Елена Викторовна");
    expect(keys(plan("2026-02-25T09:00:00+03:00", absenceCase(), { deputy: learning }))).toEqual([
      "1:42:informDeputy:overdue:2026-02-25",
      "1:42:informDeputy:toldDeputy:2026-02-25",
      "4:42:informDeputy:escalationDeputy:2026-02-25",
    ]);
  });

  it("tells the deputy whose case it is and how late the step is", () => {
    const escalation = plan("2026-02-26T09:00:00+03:00").find((r) => r.kind === "escalationDeputy")!;
    expect(escalation.payload).toMatchObject({
      teacherName: "Петрова Анна Сергеевна",
      lateSchoolDays: 3,
      dueOn: "2026-02-20",
      stepNumber: "2",
    });
  });
});

describe("recurring duties and emergencies", () => {
  it("reminds of a weekly duty the day before a week without a contact runs out", () => {
    let state = absenceCase();
    const done = (stepId: string, on: string, extra: Record<string, string> = {}) => {
      state = completeStep(absence, state, { stepId, actorId: "10", on, today: on, ...extra }).state;
    };
    done("informDeputy", "2026-02-20", { form: "phone" });
    done("trackStatus", "2026-02-26", { form: "aisHelper", answer: "notConfirmed" });
    done("meetParents", "2026-02-27", { form: "personalMeeting" });
    done("developPlan", "2026-03-02", { form: "personalMeeting" });
    state = recordOccurrence(absence, state, {
      stepId: "keepInTouch",
      actorId: "10",
      on: "2026-03-03",
      today: "2026-03-03",
      form: "phone",
    }).state;
    // implementPlan: due 02.03 + 7 = 09.03, keepInTouch: 03.03 + 7 = 10.03. Monday 09.03 is a holiday
    // (8 March falls on a Sunday), so on Friday both fall due by the next school day, Tuesday.
    expect(keys(plan("2026-03-06T09:00:00+03:00", state))).toEqual([
      "1:42:implementPlan:dueSoon:2026-03-06",
      "1:42:keepInTouch:dueSoon:2026-03-06",
    ]);
    const rows = plan("2026-03-10T09:00:00+03:00", state);
    expect(keys(rows)).toEqual(["1:42:implementPlan:overdue:2026-03-10", "1:42:keepInTouch:dueToday:2026-03-10"]);
    expect((rows[0]!.payload as StepPayload).recurring).toBe(true);
  });

  it("tells the director of an emergency at once, at any hour, once per case", () => {
    const state = openCase(emergency, {
      id: "42",
      teacherId: "10",
      studentId: "5",
      classLabel: "7Б",
      openedOn: "2026-02-21",
      today: "2026-02-21",
      actorId: "10",
    }).state;
    const rows = plan("2026-02-21T23:40:00+03:00", state, { regulation: emergency });
    expect(rows.map((r) => [r.key, r.urgent, r.notBefore.toISOString()])).toEqual([
      ["3:42:contactDirector:emergency:2026-02-21", true, "2026-02-21T20:40:00.000Z"],
    ]);
  });
});

describe("annual tasks", () => {
  const upbringing = regulations.current("interaction-3-upbringing");
  const classCase = (): CaseState =>
    openCase(upbringing, { id: "42", teacherId: "10", classLabel: "7Б", openedOn: "2025-08-25", today: "2025-08-25", actorId: "10" }).state;
  const mentionsOf = (from: string, to: string, teacher = TEACHER) => {
    const rows = new Map<string, StepPayload>();
    for (let day = from; day <= to; day = addDays(day, 1)) {
      for (const hour of ["08:00", "13:00", "18:59"]) {
        for (const row of plan(`${day}T${hour}:00+03:00`, classCase(), { regulation: upbringing, teacher })) {
          if (row.key.includes(":presentPlan:") && !rows.has(row.key)) rows.set(row.key, row.payload as StepPayload);
        }
      }
    }
    return rows;
  };

  it("announces the plan (due Monday 15.09.2025) 10 school days ahead, again the school day before, and on the day", () => {
    const rows = mentionsOf("2025-08-25", "2025-09-15");
    expect([...rows.keys()]).toEqual([
      "1:42:presentPlan:announced:2025-09-01",
      "1:42:presentPlan:dueSoon:2025-09-12",
      "1:42:presentPlan:dueToday:2025-09-15",
    ]);
    expect(rows.get("1:42:presentPlan:announced:2025-09-01")).toMatchObject({ dueOn: "2025-09-15", schoolDaysLeft: 10 });
  });

  it("a teacher muted on the day of the announcement hears it once, when the mute ends", () => {
    const muted = person(1, TEACHER.fullName, { mutedFrom: "2025-09-01", mutedUntil: "2025-09-05" });
    const rows = mentionsOf("2025-08-25", "2025-09-11", muted);
    expect([...rows.keys()]).toEqual(["1:42:presentPlan:announced:2025-09-01"]);
    // Planned on Monday 08.09: five school days are left.
    expect(rows.get("1:42:presentPlan:announced:2025-09-01")).toMatchObject({ schoolDaysLeft: 5 });
  });

  it("is not announced once done", () => {
    const done = completeStep(upbringing, classCase(), {
      stepId: "presentPlan",
      actorId: "10",
      on: "2025-08-29",
      today: "2025-08-29",
    }).state;
    const keys = plan("2025-09-01T09:00:00+03:00", done, { regulation: upbringing }).map((r) => r.key);
    expect(keys.filter((k) => k.includes(":presentPlan:"))).toEqual([]);
  });
});
