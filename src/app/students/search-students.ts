import { searchNameOf, type StudentRecord } from "../../repositories/school-repository.js";
import { createLookupRepository, type ClassSummary, type StudentScope } from "../../repositories/lookup-repository.js";
import { studentScope } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { refuse, type CaseServiceDeps } from "../cases/case-service.js";

export type { StudentRecord };

/*
 * Finding a student the actor may work with. Opening a case reaches a teacher's own classes;
 * a lookup also reaches the students of cases the teacher runs; school-wide roles see the school.
 */

export type StudentPurpose = "openCase" | "lookup";

export const MIN_QUERY_LETTERS = 2;

/** A typed name as searchName compares it: letters, spaces and hyphens only; undefined when under 2 letters. */
export function normalizeStudentQuery(text: string): string | undefined {
  const cleaned = searchNameOf(text.replace(/[^\p{L}\s-]/gu, " ")).replace(/\s*-\s*/g, "-");
  const letters = cleaned.replace(/[^\p{L}]/gu, "").length;
  return letters >= MIN_QUERY_LETTERS ? cleaned : undefined;
}

async function scopeFor(
  deps: CaseServiceDeps,
  actor: Actor,
  purpose: StudentPurpose,
  subject: string,
): Promise<{ schoolId: number; scope: StudentScope }> {
  const kind = studentScope(actor, purpose);
  if (!kind || actor.schoolId === undefined || actor.memberId === undefined) return refuse(deps, actor, purpose, subject);
  return {
    schoolId: actor.schoolId,
    scope: {
      ...(kind === "school" ? { kind } : { kind, memberId: actor.memberId, withCases: purpose === "lookup" }),
      presentOnly: purpose === "openCase",
    },
  };
}

export interface SearchStudentsOptions {
  actor: Actor;
  /** What the user typed; normalised here. */
  query: string;
  purpose: StudentPurpose;
  limit?: number;
}

export interface StudentSearchResult {
  students: StudentRecord[];
  /** More students matched than `limit`: the user should type more of the name. */
  more: boolean;
}

export async function searchStudents(deps: CaseServiceDeps, options: SearchStudentsOptions): Promise<StudentSearchResult> {
  const { actor, purpose, limit = 8 } = options;
  const { schoolId, scope } = await scopeFor(deps, actor, purpose, "students");
  const query = normalizeStudentQuery(options.query);
  if (!query) return { students: [], more: false };
  const found = await createLookupRepository(deps.db).findStudents(schoolId, scope, query, limit + 1);
  return { students: found.slice(0, limit), more: found.length > limit };
}

/** The student when the actor may reach them for `purpose`; otherwise undefined, like a missing one. */
export async function findStudentFor(
  deps: CaseServiceDeps,
  options: { actor: Actor; studentId: number; purpose: StudentPurpose },
): Promise<StudentRecord | undefined> {
  const { schoolId, scope } = await scopeFor(deps, options.actor, options.purpose, `student:${options.studentId}`);
  return createLookupRepository(deps.db).findStudent(schoolId, scope, options.studentId);
}

/** The classes the acting teacher leads. */
export async function listOwnClasses(deps: CaseServiceDeps, options: { actor: Actor }): Promise<ClassSummary[]> {
  const { actor } = options;
  if (actor.schoolId === undefined || actor.memberId === undefined) return refuse(deps, actor, "openCase", "classes");
  return createLookupRepository(deps.db).classesOf(actor.schoolId, actor.memberId);
}

export interface ClassPage {
  classId: number;
  label: string;
  students: StudentRecord[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
}

/** One page of a class list of the acting teacher's; notFound for anyone else's class. */
export async function listOwnClassStudents(
  deps: CaseServiceDeps,
  options: { actor: Actor; classId: number; page: number; pageSize: number },
): Promise<ClassPage> {
  const { actor, classId, pageSize } = options;
  if (actor.schoolId === undefined || actor.memberId === undefined) return refuse(deps, actor, "openCase", `class:${classId}`);
  const found = await createLookupRepository(deps.db).classWithStudents(actor.schoolId, actor.memberId, classId);
  if (!found) throw new AppError("notFound", `class ${classId} is not led by member ${actor.memberId}`);
  const pages = Math.max(1, Math.ceil(found.students.length / pageSize));
  const page = Math.min(Math.max(0, options.page), pages - 1);
  return { classId, label: found.label, students: found.students.slice(page * pageSize, (page + 1) * pageSize), page, pages };
}
