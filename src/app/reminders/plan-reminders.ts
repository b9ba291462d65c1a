import { createHash } from "node:crypto";
import type { Db } from "../../db/open-database.js";
import type { Logger } from "../../logger.js";
import type { ProductionYear } from "../../domain/calendar/production-calendar.js";
import { createSchoolCalendar } from "../../domain/calendar/school-calendar.js";
import { deriveSteps, type CaseState, type StepView } from "../../domain/case/index.js";
import { addDays, type LocalDate } from "../../domain/dates.js";
import type { RegulationCatalog } from "../../domain/regulation/catalog.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import type { PlannedNotification } from "../../domain/reminders/notification.js";
import { localClock } from "../../domain/reminders/local-time.js";
import {
  attentionFrom,
  createSchoolPlanner,
  DEFAULT_PLAN_OPTIONS,
  mayNeedPlanning,
  type PlanRecipient,
  type SchoolPlanner,
} from "../../domain/reminders/plan-reminders.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import {
  createReminderRepository,
  type AttentionRow,
  type OpenCaseRow,
  type PlanningSchool,
} from "../../repositories/reminder-repository.js";
import { createSchoolRepository, mergeProductionYears } from "../../repositories/school-repository.js";
import { deputyOfCase } from "../cases/case-deputy.js";
import { REMINDER_DATA } from "./compose-message.js";

export interface PlanRemindersDeps {
  db: Db;
  regulations: RegulationCatalog;
  productionYears: readonly ProductionYear[];
  now: () => Date;
  logger?: Logger;
}

export interface PlanRemindersOptions {
  /** School days a step may be late before the deputy hears of it (default 1). */
  graceDays?: number;
  /** Further school days before the director hears of it (default 3). */
  directorAfterDays?: number;
  /** Cases read per query (default 1000). */
  batchSize?: number;
  /**
   * "due" (the default) reads only the cases whose nextAttentionOn has come or is unknown; "all"
   * reads every open case, as the planner did before it kept the date (the reference in tests).
   */
  sweep?: "due" | "all";
  /** The planned rows go here instead of into the outbox (tests comparing the two sweeps). */
  into?: PlannedNotification[];
  /**
   * The process's memory of its runs (plannerMemory()): a case planned in this local hour at its
   * current revision is not read again until the hour turns. Ignored with `sweep: "all"` and `into`.
   */
  memory?: PlannerMemory;
}

/**
 * What one process remembers of its planner's runs within one local hour (decision 018): the cases
 * it planned and at which revision. What the planner says of a case depends on the case (its
 * revision), its school's calendar (a change resets the case's date, so it is read as unknown) and
 * the hour (digest windows open and close on whole hours); the rest (a mute, a snooze, a new
 * deputy) is taken up at the next hour. The outbox's keys stay the guarantee: skipping only saves
 * rows that would already be there.
 */
export interface PlannerMemory {
  /** The local date and hour of every school's time zone when the cases below were planned. */
  stamp: string;
  planned: Map<number, number>;
}

export function plannerMemory(): PlannerMemory {
  return { stamp: "", planned: new Map() };
}

export interface PlanRun {
  /** Open cases read and derived. */
  cases: number;
  /** Cases whose nextAttentionOn this run computed (new, changed, or their school's calendar changed). */
  attention: number;
  planned: number;
  inserted: number;
  /** Cases whose regulation version is unknown to this installation. */
  skipped: number;
  /** Due cases not read: planned earlier this hour at the same revision (PlannerMemory). */
  remembered: number;
}

/** Outbox inserts a run keeps in flight at once. */
const WRITES_AT_ONCE = 2;

interface SchoolContext {
  school: PlanningSchool;
  planner: SchoolPlanner;
  calendar: ReturnType<typeof createSchoolCalendar>;
}

/**
 * The planner's sweep: the open cases with something due, a page of whole schools at a time,
 * derived for the school's "now" and turned into outbox rows. Idempotent: a second run, or a second
 * process, adds nothing. A page holds whole schools and its rows are written person by person, so
 * each person's digest of this run goes out as one message.
 *
 * Each case keeps the first date it may need attention (decision 018). A change of the case
 * resets it; a change of a school's calendar bumps the school's planningRevision and this job
 * resets that school's cases; the run computes and stores the date of every case it finds reset.
 */
export async function planReminders(deps: PlanRemindersDeps, options: PlanRemindersOptions = {}): Promise<PlanRun> {
  const at = deps.now();
  const batchSize = options.batchSize ?? 1000;
  const planOptions = {
    graceDays: options.graceDays ?? DEFAULT_PLAN_OPTIONS.graceDays,
    directorAfterDays: options.directorAfterDays ?? DEFAULT_PLAN_OPTIONS.directorAfterDays,
  };
  const reminders = createReminderRepository(deps.db);
  const outbox = createOutboxRepository(deps.db);
  // The basis first: a change of it resets every school's dates, which the reset then clears.
  const [, uploaded, zones] = await Promise.all([
    reminders.ensurePlanningBasis(planningFingerprint(deps)).then(() => reminders.resetChangedSchools()),
    createSchoolRepository(deps.db).uploadedProductionYears(),
    reminders.timezones(),
  ]);
  const productionYears = mergeProductionYears(deps.productionYears, uploaded);

  const contexts = new Map<number, SchoolContext | undefined>();
  // Schools with the same week and vacations share one calendar: its year tables and memoised
  // deadlines are built once per run instead of once per school.
  const calendars = new Map<string, ReturnType<typeof createSchoolCalendar>>();
  const regulations = new Map<string, Regulation | undefined>();
  const run: PlanRun = { cases: 0, attention: 0, planned: 0, inserted: 0, skipped: 0, remembered: 0 };
  const clocks = zones.map((zone) => localClock(at, zone));
  // The latest local date of any school now: a case due by its own school's today is read.
  const dueBy =
    options.sweep === "all"
      ? undefined
      : clocks.reduce<LocalDate>((latest, clock) => (clock.date > latest ? clock.date : latest), at.toISOString().slice(0, 10));
  const memory = options.sweep === "all" || options.into ? undefined : options.memory;
  const stamp = clocks.map((c) => `${c.date}T${c.hour}`).join(" ");
  if (memory && memory.stamp !== stamp) {
    memory.stamp = stamp;
    memory.planned.clear();
  }
  const readable = await reminders.openCaseIds(dueBy);
  const due = memory ? readable.filter((c) => !(c.attentionKnown && memory.planned.get(c.id) === c.revision)) : readable;
  run.remembered = readable.length - due.length;
  if (due.length === 0) return run;
  const pages = schoolPages(due, batchSize);
  const pageOf = (index: number) => {
    const read = reminders.openCasesByIds(pages[index] ?? []);
    // Read ahead: should the run stop before awaiting it, its failure must not count as unhandled.
    read.catch(() => undefined);
    return read;
  };
  // The first page is read while the schools and the snoozes are.
  let reading = pageOf(0);
  const people = new Set<number>();
  for (const c of due) {
    people.add(c.teacherId);
    if (c.deputyMemberId !== null) people.add(c.deputyMemberId);
  }
  // Snoozes last a day or so: the few still running are read once. The day before UTC's covers every timezone's today.
  const [schoolList, snoozeRows] = await Promise.all([
    reminders.planningSchools([...people]),
    reminders.snoozesUntilAfter(addDays(at.toISOString().slice(0, 10), -1)),
  ]);
  const schools = new Map(schoolList.map((s) => [s.id, s]));
  const snoozes = new Map<string, LocalDate>();
  for (const s of snoozeRows) snoozes.set(`${s.userId}:${s.caseId}:${s.stepId}`, s.until);

  const contextOf = (schoolId: number): SchoolContext | undefined => {
    if (contexts.has(schoolId)) return contexts.get(schoolId);
    const school = schools.get(schoolId);
    let context: SchoolContext | undefined;
    if (school) {
      const calendarKey = JSON.stringify([school.weekLength, school.vacations.map((v) => [v.from, v.to])]);
      let calendar = calendars.get(calendarKey);
      if (!calendar)
        calendars.set(
          calendarKey,
          (calendar = createSchoolCalendar({ weekLength: school.weekLength, vacations: school.vacations, productionYears })),
        );
      const planner = createSchoolPlanner(
        {
          schoolId,
          timeZone: school.timezone,
          calendar,
          hours: school.hours,
          hideNamesInPush: school.hideNamesInPush,
          ...(school.deputy ? { deputy: school.deputy } : {}),
          directors: school.directors,
          escalateToDirector: school.escalateToDirector,
        },
        at,
        planOptions,
      );
      context = { school, planner, calendar };
    }
    contexts.set(schoolId, context);
    return context;
  };
  const regulationOf = (row: OpenCaseRow): Regulation | undefined => {
    const key = `${row.regulationId}@${row.regulationVersion}`;
    if (!regulations.has(key)) {
      let regulation: Regulation | undefined;
      try {
        regulation = deps.regulations.get(row.regulationId, row.regulationVersion);
      } catch {
        deps.logger?.warn({ regulation: key }, "open cases follow a regulation this installation does not have; no reminders for them");
      }
      regulations.set(key, regulation);
    }
    return regulations.get(key);
  };

  /** Derives every case of a page; those with something due get planned. */
  async function planPage(page: readonly OpenCaseRow[]): Promise<PlannedNotification[]> {
    const due: { row: OpenCaseRow; context: SchoolContext; regulation: Regulation; state: CaseState; views: StepView[] }[] = [];
    const attention: AttentionRow[] = [];
    for (const row of page) {
      run.cases++;
      const context = contextOf(row.schoolId);
      const regulation = regulationOf(row);
      if (!context || !regulation) {
        run.skipped++;
        continue;
      }
      const state = caseStateOf(row);
      const views = deriveSteps(regulation, state, {
        calendar: context.calendar,
        today: context.planner.clock.date,
        annualDates: context.school.annualDates,
      });
      if (!row.attentionKnown) {
        const on = attentionFrom(regulation, views, context.calendar, state.openedOn);
        attention.push({ id: row.id, revision: row.revision, planningRevision: context.school.planningRevision, on });
      }
      if (mayNeedPlanning(regulation, views)) due.push({ row, context, regulation, state, views });
    }
    if (attention.length > 0) {
      await reminders.storeAttention(attention);
      run.attention += attention.length;
    }

    const rows: PlannedNotification[] = [];
    for (const { row, context, regulation, state, views } of due) {
      const teacher = context.school.members.get(row.teacherMemberId) ?? formerMember(row.teacherMemberId);
      let snoozedUntil: Map<string, LocalDate> | undefined;
      if (snoozes.size > 0) {
        for (const step of regulation.steps) {
          const until = snoozes.get(`${teacher.userId}:${row.id}:${step.id}`);
          if (until) (snoozedUntil ??= new Map()).set(step.id, until);
        }
      }
      const deputy = deputyOfCase(context.school.staff, row, regulation);
      for (const planned of context.planner.plan({
        caseId: row.id,
        state,
        regulation,
        views,
        teacher,
        ...(deputy ? { deputy: deputy.recipient } : {}),
        ...(row.studentName ? { studentName: row.studentName } : {}),
        ...(row.classLabel ? { classLabel: row.classLabel } : {}),
        ...(snoozedUntil ? { snoozedUntil } : {}),
      })) {
        // A notice the planner writes (e.g. a step still waiting on others) opens the case card.
        if (planned.kind === "notice" && "lines" in planned.payload && !planned.payload.buttons) {
          planned.payload.buttons = [[{ label: { key: "outcome.open" }, data: REMINDER_DATA.open(row.id) }]];
        }
        rows.push(planned);
      }
    }
    return rows;
  }

  // A pipeline: the next page is read and the previous pages' rows are written while this one is
  // planned. Two writes at a time: on a first run of the day the inserts are most of the run, and
  // the database can take two at once.
  const writes: Promise<void>[] = [];
  try {
    for (let index = 0; index < pages.length; index++) {
      const page = await reading;
      reading = pageOf(index + 1);
      const rows = await planPage(page);
      run.planned += rows.length;
      if (options.into) {
        options.into.push(...rows);
        continue;
      }
      // Remembered once its rows are in the outbox (and its date stored), not before.
      const remember = () => {
        if (memory) for (const row of page) memory.planned.set(row.id, row.revision);
      };
      if (rows.length === 0) {
        remember();
        continue;
      }
      while (writes.length >= WRITES_AT_ONCE) await writes.shift();
      const write = outbox.ensure(rows, { at }).then((inserted) => {
        run.inserted += inserted;
        remember();
      });
      // Awaited below; until then a failure must not count as unhandled.
      write.catch(() => undefined);
      writes.push(write);
    }
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    throw error;
  }
  return run;
}

/**
 * The due cases' ids in pages of about `size`, a school never split across two: everything a run
 * says to a person (their school's teacher, deputy or director) is written with one page, so the
 * sender sees it arrive at once and sends one digest, with nothing to hold back until the run ends.
 */
export function schoolPages(due: readonly { id: number; schoolId: number }[], size: number): number[][] {
  const sorted = [...due].sort((a, b) => a.schoolId - b.schoolId || a.id - b.id);
  const pages: number[][] = [];
  let page: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    if (page.length >= size && sorted[i - 1]!.schoolId !== c.schoolId) {
      pages.push(page);
      page = [];
    }
    page.push(c.id);
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/**
 * What the stored dates are computed from besides the database: the regulation definitions and
 * the built-in production calendar. Edited files change it, and every school's dates are reset.
 */
const fingerprints = new WeakMap<RegulationCatalog, Map<readonly ProductionYear[], string>>();
function planningFingerprint(deps: Pick<PlanRemindersDeps, "regulations" | "productionYears">): string {
  let byYears = fingerprints.get(deps.regulations);
  if (!byYears) fingerprints.set(deps.regulations, (byYears = new Map()));
  let fingerprint = byYears.get(deps.productionYears);
  if (fingerprint === undefined) {
    const catalog = deps.regulations;
    const definitions = catalog.list().flatMap((current) => catalog.versions(current.id).map((v) => catalog.get(current.id, v)));
    fingerprint = createHash("sha256").update(JSON.stringify(definitions)).update(JSON.stringify(deps.productionYears)).digest("hex");
    byYears.set(deps.productionYears, fingerprint);
  }
  return fingerprint;
}

function caseStateOf(row: OpenCaseRow): CaseState {
  return {
    id: String(row.id),
    regulationId: row.regulationId,
    regulationVersion: row.regulationVersion,
    teacherId: String(row.teacherMemberId),
    ...(row.studentId !== null ? { studentId: String(row.studentId) } : {}),
    status: "open",
    openedOn: row.openedOn,
    flags: [],
    steps: row.steps,
  };
}

/** A teacher no longer active in the school: nothing reaches them, escalations still go out. */
function formerMember(memberId: number): PlanRecipient {
  return {
    userId: -memberId,
    fullName: "",
    reachable: false,
    reminderStartHour: null,
    reminderEndHour: null,
    mutedFrom: null,
    mutedUntil: null,
  };
}
