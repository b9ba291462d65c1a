import { completeStep } from "../cases/complete-step.js";
import { createDeputyRepository, type DeputyContact } from "../../repositories/deputy-repository.js";
import { createMeasureRepository } from "../../repositories/measure-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { MemoData } from "../../documents/memo-docx.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseServiceDeps, type CaseChange } from "../cases/case-service.js";
import { DIFFICULTY_STEPS, requireDifficultyCase } from "./difficulty-case.js";

export interface PrepareMemoOptions {
  actor: Actor;
  caseId: string;
  situation: string;
  request: string;
}

export interface PreparedMemo {
  data: MemoData;
  /** The deputy for upbringing (or the first deputy); undefined when the school has none. */
  deputy?: DeputyContact;
}

export const MEMO_TEXT_MAX = 1500;

function clean(text: string): string {
  const value = text.trim().replace(/[ \t]+/g, " ");
  if (!value || value.length > MEMO_TEXT_MAX) throw new AppError("invalidInput", "bad memo text");
  return value;
}

/** Everything the memo says, from the case: the student, the class, the measures logged so far. */
export async function prepareMemo(deps: CaseServiceDeps, options: PrepareMemoOptions): Promise<PreparedMemo> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  requireDifficultyCase(loaded);
  const { stored, today } = loaded;
  const schools = createSchoolRepository(deps.db);
  const student = stored.studentId !== null ? await schools.findStudent(stored.schoolId, stored.studentId) : undefined;
  const teacher = await schools.findMember(stored.schoolId, stored.teacherMemberId);
  const measures = await createMeasureRepository(deps.db).list(stored.schoolId, Number(stored.state.id));
  const deputy = await createDeputyRepository(deps.db).upbringingDeputy(stored.schoolId);
  return {
    data: {
      ...(deputy ? { deputyName: deputy.fullName } : {}),
      teacherName: teacher?.fullName ?? options.actor.fullName,
      classLabel: student?.classLabel ?? stored.state.classLabel ?? "",
      studentName: student?.fullName ?? "",
      situation: clean(options.situation),
      request: clean(options.request),
      measures: measures.map((m) => ({ on: m.on, withWhom: m.withWhom, what: m.what, ...(m.form ? { form: m.form } : {}) })),
      date: today,
    },
    ...(deputy ? { deputy } : {}),
  };
}

/** Step II.2 done, by corporate e-mail (the teacher forwards the DOCX) — once; a later memo changes nothing. */
export async function recordMemoSent(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<CaseChange | undefined> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  requireDifficultyCase(loaded);
  if (loaded.stored.state.steps[DIFFICULTY_STEPS.memo]?.state !== "open") return undefined;
  return completeStep(deps, { actor: options.actor, caseId: options.caseId, stepId: DIFFICULTY_STEPS.memo, form: "corporateEmail" });
}
