import type { LocalDate } from "../../domain/dates.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createCouncilLookupRepository } from "../../repositories/council-lookup-repository.js";
import { findCaseDeputy } from "../cases/case-deputy.js";
import { createMeasureRepository } from "../../repositories/measure-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { completeStep } from "../cases/complete-step.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";
import { COUNCIL_REGULATION, COUNCIL_STEPS } from "./council-steps.js";

/** IV.3: what the information on the measures taken so far says. */
export interface InfoPackData {
  studentName: string;
  classLabel: string;
  teacherName: string;
  reason: string;
  council?: { form: string; at: string };
  measures: { on: LocalDate; withWhom: string; what: string; form?: string }[];
  /** Case events with a result the teacher wrote down: «12.11 — шаг 1: …». */
  results: { on: LocalDate; step: string; note: string }[];
  people: string[];
  date: LocalDate;
  timezone: string;
}

const RESULT_EVENTS = new Set(["stepCompleted", "occurrenceRecorded", "stepAnswered", "comment"]);

export async function prepareInfoPack(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<InfoPackData> {
  const { stored, regulation, today, settings } = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  if (stored.state.status !== "open") throw new AppError("conflict", "case closed");
  const schools = createSchoolRepository(deps.db);
  const caseId = Number(stored.state.id);
  const student = stored.studentId !== null ? await schools.findStudent(stored.schoolId, stored.studentId) : undefined;
  const council = await createCouncilLookupRepository(deps.db).latestForCase(stored.schoolId, caseId);
  // Everything done for the child so far: the measures of each open case of theirs (section II's too).
  const measureRows = createMeasureRepository(deps.db);
  const measures =
    stored.studentId !== null
      ? await measureRows.listForStudent(stored.schoolId, stored.studentId)
      : await measureRows.list(stored.schoolId, caseId);
  const events = await createCaseRepository(deps.db).events(stored.schoolId, stored.state.id);
  // A document names a step by its title, never «шаг 1».
  const titles = new Map(regulation.steps.map((s) => [s.id, s.title?.ru ?? s.number]));
  const results = events.flatMap((e) => {
    const note = e.data.note;
    if (!RESULT_EVENTS.has(e.type) || typeof note !== "string" || !note.trim()) return [];
    return [{ on: e.on, step: e.stepId ? (titles.get(e.stepId) ?? "") : "", note }];
  });
  const memberIds = [
    stored.teacherMemberId,
    ...measures.map((m) => m.memberId),
    ...events.flatMap((e) => (e.actorId ? [Number(e.actorId)] : [])),
  ];
  const names = await schools.memberNames(stored.schoolId, memberIds);
  const deputy = await findCaseDeputy(deps.db, stored.schoolId, stored, regulation);
  const people = [
    ...new Set([...memberIds.map((id) => names[String(id)]).filter((n): n is string => !!n), ...(deputy ? [deputy.fullName] : [])]),
  ];
  return {
    studentName: student?.fullName ?? "",
    classLabel: student?.classLabel ?? stored.state.classLabel ?? "",
    teacherName: names[String(stored.teacherMemberId)] ?? "",
    reason: council?.reason ?? regulation.title.ru,
    ...(council?.status === "agreed" && council.agreedAt
      ? { council: { form: council.agreedForm ?? council.proposedForm, at: council.agreedAt.toISOString() } }
      : {}),
    measures: measures.map((m) => ({ on: m.on, withWhom: m.withWhom, what: m.what, ...(m.form ? { form: m.form } : {}) })),
    results,
    people,
    date: today,
    timezone: settings.timezone,
  };
}

/** IV.3 done: the information prepared and people informed (the note keeps who). */
export async function recordInformed(deps: CaseServiceDeps, options: { actor: Actor; caseId: string; note: string }): Promise<boolean> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  if (loaded.regulation.id !== COUNCIL_REGULATION) return false;
  if (loaded.stored.state.steps[COUNCIL_STEPS.prepare]?.state !== "open") return false;
  await completeStep(deps, {
    actor: options.actor,
    caseId: options.caseId,
    stepId: COUNCIL_STEPS.prepare,
    form: "eDiary",
    note: options.note,
  });
  return true;
}
