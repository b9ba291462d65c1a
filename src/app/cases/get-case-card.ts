import { deriveSteps, nextAction, type CaseState, type StepView } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository, type StoredCaseEvent } from "../../repositories/case-repository.js";
import { createSchoolRepository, type StudentRecord } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { can } from "../access-policy.js";
import { surnameWithInitials } from "../../domain/people/names.js";
import { findCaseDeputy } from "./case-deputy.js";
import { domainCall } from "../app-error.js";
import { loadCaseFor, type CaseServiceDeps } from "./case-service.js";
import { planOf, type CasePlan } from "../plans/get-plan.js";
import { planStepOf } from "../plans/plan-steps.js";

export type { StoredCaseEvent };

export interface GetCaseCardOptions {
  actor: Actor;
  caseId: string;
}

/** Everything the bot shows about one case; dates are the school's, deadlines derived for `today`. */
export interface CaseCard {
  state: CaseState;
  revision: number;
  today: LocalDate;
  /** The definition version the case follows (its title, step texts and questions). */
  regulation: Regulation;
  student?: StudentRecord;
  /** Each step of the definition, in its order, with its status and dates on `today`. */
  steps: StepView[];
  /** The step to show first; none for a closed case. */
  nextStep?: StepView;
  /** The chronology, oldest first. */
  events: StoredCaseEvent[];
  /** Full names by member id, for the teacher and everyone in the chronology. */
  names: Record<string, string>;
  /** The deputy in charge, as the card names them («Кузнецова Е. В.»); none in a school without a deputy. */
  deputy?: CaseCardDeputy;
  /** The ИПР's measures and files, for a regulation with a plan step. */
  plan?: CasePlan;
}

export interface CaseCardDeputy {
  memberId: number;
  name: string;
  /** Whether the reader may hand the case to another deputy (deputies and the director). */
  canChange: boolean;
}

export async function getCaseCard(deps: CaseServiceDeps, options: GetCaseCardOptions): Promise<CaseCard> {
  const { actor, caseId } = options;
  const { stored, regulation, today, at, settings } = await loadCaseFor(deps, actor, caseId, "viewCase");
  const schools = createSchoolRepository(deps.db);
  const calendar = await schools.calendarOf(settings, deps.productionYears);

  const steps = domainCall(() => deriveSteps(regulation, stored.state, { calendar, today, annualDates: settings.annualDates }));
  const events = await createCaseRepository(deps.db).events(stored.schoolId, stored.state.id);
  const student = stored.studentId !== null ? await schools.findStudent(stored.schoolId, stored.studentId) : undefined;
  const memberIds = [stored.teacherMemberId, ...events.flatMap((e) => (e.actorId ? [Number(e.actorId)] : []))];
  const names = await schools.memberNames(stored.schoolId, memberIds);
  const deputy = await findCaseDeputy(deps.db, stored.schoolId, stored, regulation);
  const plan = planStepOf(regulation) ? await planOf(deps, stored, regulation) : undefined;

  // Looking at someone else's case is a lookup worth auditing; a teacher reading their own is not.
  if (actor.memberId !== stored.teacherMemberId) {
    await recordAudit(deps.db, {
      schoolId: stored.schoolId,
      actorId: actor.userId ?? null,
      action: "case.viewed",
      subject: `case:${stored.state.id}`,
      detail: { memberId: actor.memberId ?? null },
      at,
    });
  }

  const nextStep = stored.state.status === "open" ? nextAction(steps) : undefined;
  return {
    state: stored.state,
    revision: stored.revision,
    today,
    regulation,
    ...(student ? { student } : {}),
    steps,
    ...(nextStep ? { nextStep } : {}),
    events,
    names,
    ...(plan ? { plan } : {}),
    ...(deputy
      ? {
          deputy: {
            memberId: deputy.memberId,
            name: surnameWithInitials(deputy.fullName),
            canChange: can(actor, "reassignDeputy", { schoolId: stored.schoolId, teacherMemberId: stored.teacherMemberId }),
          },
        }
      : {}),
  };
}
