import { deriveSteps, nextAction, type CaseState } from "../../domain/case/index.js";
import { localDateIn, type LocalDate } from "../../domain/dates.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createSchoolRepository, type StudentRecord } from "../../repositories/school-repository.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { searchStudents } from "../students/search-students.js";
import type { CaseServiceDeps } from "./case-service.js";

/** One case as a lookup lists it: enough for a status line, nothing of its content. */
export interface LookupCase {
  caseId: number;
  regulationId: string;
  regulationVersion: number;
  status: "open" | "closed";
  openedOn: LocalDate;
  closedOn?: LocalDate;
  /** The number of the step to attend to next (open cases). */
  nextStepNumber?: string;
  /** Whether the actor may open the card (a lookup may list what the card would refuse, e.g. to an admin). */
  canView: boolean;
}

export interface LookupStudent extends StudentRecord {
  cases: LookupCase[];
}

export interface LookupCasesOptions {
  actor: Actor;
  query: string;
  /** Where the lookup came from, for the audit trail. */
  via: "command" | "text" | "inline";
  limit?: number;
}

/**
 * Students matching `query` that the actor may see, each with the cases the actor may see.
 * Looking at a case someone else runs is recorded ("case.lookup").
 */
export async function lookupCases(
  deps: CaseServiceDeps,
  options: LookupCasesOptions,
): Promise<{ students: LookupStudent[]; more: boolean }> {
  const { actor, via } = options;
  const found = await searchStudents(deps, { actor, query: options.query, purpose: "lookup", limit: options.limit ?? 8 });
  if (found.students.length === 0 || actor.schoolId === undefined) return { students: [], more: false };
  const schoolId = actor.schoolId;

  const at = deps.now();
  // The students' cases in one query; the school's calendar only when one of them is open.
  const byStudent = await createCaseRepository(deps.db).listByStudents(
    schoolId,
    found.students.map((s) => s.id),
  );
  const school = [...byStudent.values()].some((list) => list.some((c) => c.state.status === "open"))
    ? await createSchoolRepository(deps.db).schoolDays(schoolId, deps.productionYears)
    : undefined;
  const today = school ? localDateIn(at, school.settings.timezone) : undefined;
  const nextStepOf = (state: CaseState): string | undefined => {
    const regulation = definitionOf(deps, state);
    if (!regulation || state.status !== "open" || !school || !today) return undefined;
    const steps = deriveSteps(regulation, state, { calendar: school.calendar, today, annualDates: school.settings.annualDates });
    return nextAction(steps)?.number;
  };

  const students: LookupStudent[] = [];
  for (const student of found.students) {
    const stored = byStudent.get(student.id) ?? [];
    const visible = stored.filter((c) => can(actor, "lookup", { schoolId, teacherMemberId: c.teacherMemberId }));
    for (const c of visible.filter((v) => v.teacherMemberId !== actor.memberId)) {
      await recordAudit(deps.db, {
        schoolId,
        actorId: actor.userId ?? null,
        action: "case.lookup",
        subject: `case:${c.state.id}`,
        detail: { memberId: actor.memberId ?? null, via },
        at,
      });
    }
    students.push({
      ...student,
      cases: visible
        .map((c) => {
          const nextStepNumber = nextStepOf(c.state);
          return {
            caseId: Number(c.state.id),
            regulationId: c.state.regulationId,
            regulationVersion: c.state.regulationVersion,
            status: c.state.status,
            openedOn: c.state.openedOn,
            ...(c.state.closedOn ? { closedOn: c.state.closedOn } : {}),
            ...(nextStepNumber ? { nextStepNumber } : {}),
            canView: can(actor, "viewCase", { schoolId, teacherMemberId: c.teacherMemberId }),
          };
        })
        // Open cases first, then the most recent.
        .sort((a, b) =>
          a.status === b.status ? b.openedOn.localeCompare(a.openedOn) || b.caseId - a.caseId : a.status === "open" ? -1 : 1,
        ),
    });
  }
  return { students, more: found.more };
}

/** The definition a case follows; undefined if that version is no longer loaded (shown without a step). */
function definitionOf(deps: CaseServiceDeps, state: CaseState): Regulation | undefined {
  try {
    return deps.regulations.get(state.regulationId, state.regulationVersion);
  } catch {
    return undefined;
  }
}
