import { completeStep } from "../../domain/case/index.js";
import { isLocalDate, type LocalDate } from "../../domain/dates.js";
import { isMeasureFormOf, type MeasureForm } from "../../domain/difficulty/measure-partner.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createMeasureRepository, MEASURE_PARTNERS, type MeasurePartner } from "../../repositories/measure-repository.js";
import { AppError, domainCall } from "../app-error.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, savedRevision, type CaseServiceDeps } from "../cases/case-service.js";
import { DIFFICULTY_STEPS, requireDifficultyCase } from "./difficulty-case.js";

export interface LogMeasureOptions {
  actor: Actor;
  caseId: string;
  withWhom: MeasurePartner;
  what: string;
  /** Today (the school's date) by default; not in the future, not before the case opened. */
  on?: LocalDate;
  /** One of the partner's forms (MEASURE_FORMS_BY_PARTNER); anything else is refused. */
  form?: MeasureForm;
  /** The named person the measure was taken with; optional. */
  person?: string;
  /** What came of it; optional. */
  result?: string;
}

export const MEASURE_WHAT_MAX = 500;
export const MEASURE_PERSON_MAX = 150;
export const MEASURE_RESULT_MAX = 500;

/** A typed line folded to one line; undefined when empty, refused when longer than `max`. */
function optionalLine(text: string | undefined, max: number, label: string): string | undefined {
  const line = text?.trim().replace(/\s+/g, " ");
  if (!line) return undefined;
  if (line.length > max) throw new AppError("invalidInput", `${label} longer than ${max}`);
  return line;
}

/**
 * Records one measure of step II.1. The first measure also marks the step done (the teacher
 * has organised the work), in the same transaction; later ones only add rows.
 */
export async function logMeasure(
  deps: CaseServiceDeps,
  options: LogMeasureOptions,
): Promise<{ measureId: number; stepCompleted: boolean }> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  requireDifficultyCase(loaded);
  const { stored, regulation, today, at, actorId } = loaded;
  const what = options.what.trim().replace(/\s+/g, " ");
  if (!what || what.length > MEASURE_WHAT_MAX) throw new AppError("invalidInput", "bad measure text");
  const person = optionalLine(options.person, MEASURE_PERSON_MAX, "person");
  const result = optionalLine(options.result, MEASURE_RESULT_MAX, "result");
  if (!MEASURE_PARTNERS.includes(options.withWhom)) throw new AppError("invalidInput", `bad partner ${options.withWhom}`);
  const on = options.on ?? today;
  if (!isLocalDate(on)) throw new AppError("invalidDate", `not a date: ${on}`);
  if (on > today) throw new AppError("dateInFuture", `${on} is after ${today}`);
  if (on < stored.state.openedOn) throw new AppError("dateBeforeOpening", `${on} is before ${stored.state.openedOn}`);
  if (options.form !== undefined && !isMeasureFormOf(options.withWhom, options.form)) {
    throw new AppError("formNotAllowed", `form ${options.form} does not fit a measure ${options.withWhom}`);
  }
  // The step keeps the form when it is one of the step's own (e.g. observation); a phone call with the parents is the measure's.
  const step = regulation.steps.find((s) => s.id === DIFFICULTY_STEPS.measures);
  const stepForm = step?.forms.find((f) => f === options.form);

  const completion =
    stored.state.steps[DIFFICULTY_STEPS.measures]?.state === "open"
      ? domainCall(() =>
          completeStep(regulation, stored.state, {
            stepId: DIFFICULTY_STEPS.measures,
            actorId,
            on,
            today,
            ...(stepForm ? { form: stepForm } : {}),
          }),
        )
      : undefined;
  const cases = createCaseRepository(deps.db);
  const measures = createMeasureRepository(deps.db);
  const caseNumber = Number(stored.state.id);
  const measureId = await deps.db.$transaction(async (tx) => {
    const id = await measures.add(tx, stored.schoolId, caseNumber, {
      on,
      withWhom: options.withWhom,
      what,
      memberId: Number(actorId),
      ...(options.form ? { form: options.form } : {}),
      ...(person ? { person } : {}),
      ...(result ? { result } : {}),
    });
    if (completion) {
      savedRevision(await cases.update(tx, stored.schoolId, completion.state, stored.revision), stored.state.id, stored.revision);
      await cases.appendEvents(tx, stored.schoolId, stored.state.id, completion.events, at);
    }
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "difficulty.measureLogged",
      subject: `case:${stored.state.id}`,
      detail: { memberId: options.actor.memberId ?? null, measureId: id },
      at,
    });
    return id;
  });
  return { measureId, stepCompleted: completion !== undefined };
}
