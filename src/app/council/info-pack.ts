import type { LocalDate } from "../../domain/dates.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createCouncilLookupRepository } from "../../repositories/council-lookup-repository.js";
import { findCaseDeputy } from "../cases/case-deputy.js";
import { createMeasureRepository } from "../../repositories/measure-repository.js";
import { createParentMeetingRepository } from "../../repositories/parent-meeting-repository.js";
import { createUserRepository } from "../../repositories/user-repository.js";
import { nameInCase } from "../../domain/people/declension.js";
import type { ParentRelation } from "../../domain/people/parents.js";
import { postOf, type Post } from "../../domain/people/roles.js";
import { isCouncilForm, type CouncilForm } from "../../domain/council/council-form.js";
import type { MeasureFacts } from "../../domain/difficulty/measure.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { completeStep } from "../cases/complete-step.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";
import { COUNCIL_REGULATION, COUNCIL_STEPS } from "./council-steps.js";

/** IV.3: what the information on the measures taken so far says. */
export interface InfoPackData {
  /** «Председателю малого педсовета»: the form the council takes (agreed, else proposed). */
  councilForm: CouncilForm;
  /** The chair: the deputy in charge of the case, with the name in the dative when it is known. */
  chair?: { name: string; nameDative?: string };
  studentName: string;
  classLabel: string;
  teacherName: string;
  /** «от классного руководителя … Петровой О. И.»: when the library (or the teacher) is sure. */
  teacherNameGenitive?: string;
  reason: string;
  council?: { form: string; at: string };
  /** Every measure of every case of the student, with the named person and the result where recorded. */
  measures: MeasureFacts[];
  /** Case events with a result the teacher wrote down, named by the step's title (never «шаг 1»). */
  results: { on: LocalDate; step: string; note: string }[];
  /** Parents invited to meetings in the student's cases, and whether they came. */
  parentMeetings: {
    meetingOn: LocalDate;
    parentName: string;
    relation: ParentRelation;
    invitedVia: string;
    invitedOn: LocalDate;
    attended?: boolean;
  }[];
  /** Everyone who worked on the case, with the post a paper names them by. */
  people: { name: string; post: Post }[];
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
  // Everything done for the child so far: the measures and meetings of each of their cases, open or closed.
  const caseIds =
    stored.studentId !== null
      ? (await createCaseRepository(deps.db).listByStudent(stored.schoolId, stored.studentId)).map((c) => Number(c.state.id))
      : [caseId];
  const measureRows = createMeasureRepository(deps.db);
  const [measureLists, parentMeetings, events] = await Promise.all([
    Promise.all(caseIds.map((id) => measureRows.list(stored.schoolId, id))),
    createParentMeetingRepository(deps.db).forCases(stored.schoolId, caseIds),
    createCaseRepository(deps.db).events(stored.schoolId, stored.state.id),
  ]);
  const measures = measureLists.flat().sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id));
  const titles = new Map(regulation.steps.map((s) => [s.id, s.title?.ru ?? s.number]));
  const results = events.flatMap((e) => {
    const note = e.data.note;
    if (!RESULT_EVENTS.has(e.type) || typeof note !== "string" || !note.trim()) return [];
    return [{ on: e.on, step: e.stepId ? (titles.get(e.stepId) ?? "") : "", note }];
  });
  const deputy = await findCaseDeputy(deps.db, stored.schoolId, stored, regulation);
  const posts = await schools.memberPosts(stored.schoolId, [
    stored.teacherMemberId,
    ...(deputy ? [deputy.memberId] : []),
    ...measures.map((m) => m.memberId),
    ...events.flatMap((e) => (e.actorId ? [Number(e.actorId)] : [])),
  ]);
  const teacher = posts.find((p) => p.id === stored.teacherMemberId);
  const teacherName = teacher?.fullName ?? "";
  const ownForms = await createUserRepository(deps.db).nameForms(
    [deputy?.userId, teacher?.userId].filter((id): id is number => id !== undefined),
  );
  const chairDative = deputy ? nameInCase(deputy.fullName, "dative", ownForms.get(deputy.userId)) : undefined;
  const teacherGenitive = teacher ? nameInCase(teacherName, "genitive", ownForms.get(teacher.userId)) : undefined;
  const form = council?.agreedForm ?? council?.proposedForm;
  return {
    councilForm: isCouncilForm(form) ? form : "smallCouncil",
    ...(deputy ? { chair: { name: deputy.fullName, ...(chairDative ? { nameDative: chairDative } : {}) } } : {}),
    studentName: student?.fullName ?? "",
    classLabel: student?.classLabel ?? stored.state.classLabel ?? "",
    teacherName,
    ...(teacherGenitive ? { teacherNameGenitive: teacherGenitive } : {}),
    reason: council?.reason ?? regulation.title.ru,
    ...(council?.status === "agreed" && council.agreedAt
      ? { council: { form: council.agreedForm ?? council.proposedForm, at: council.agreedAt.toISOString() } }
      : {}),
    measures,
    results,
    parentMeetings: parentMeetings.map(({ meetingOn, parentName, relation, invitedVia, invitedOn, attended }) => ({
      meetingOn,
      parentName,
      relation,
      invitedVia,
      invitedOn,
      ...(attended !== undefined ? { attended } : {}),
    })),
    people: posts.filter((p) => p.fullName).map((p) => ({ name: p.fullName, post: postOf(p) })),
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
