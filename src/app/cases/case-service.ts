import type { Db } from "../../db/open-database.js";
import type { ProductionYear } from "../../domain/calendar/production-calendar.js";
import type { CaseEvent, CaseNotification, CaseState, Transition } from "../../domain/case/index.js";
import { localDateIn, type LocalDate } from "../../domain/dates.js";
import type { RegulationCatalog } from "../../domain/regulation/catalog.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createCaseRepository, type StoredCase } from "../../repositories/case-repository.js";
import { createSchoolRepository, type SchoolCalendarSettings } from "../../repositories/school-repository.js";
import { can, type Action } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError, domainCall } from "../app-error.js";
import { draftOutcomeNotices } from "./outcome-notices.js";
import { registrationChange } from "../plans/plan-steps.js";

/*
 * What every case use case shares: who may act, loading a case within the actor's school, and
 * saving a transition in one transaction. The order matters for privacy: a case is looked up in
 * the actor's school only, so another school's case answers "notFound" exactly like a missing one.
 */

export interface CaseServiceDeps {
  db: Db;
  regulations: RegulationCatalog;
  /** The built-in production calendar; years uploaded to the database replace the same years. */
  productionYears: ProductionYear[];
  now: () => Date;
}

/** The outcome of a change: the saved state and what the domain asks to notify (sent elsewhere). */
export interface CaseChange {
  state: CaseState;
  revision: number;
  events: CaseEvent[];
  notifications: CaseNotification[];
}

/** The revision a case update saved; none means another writer got there first: a conflict (the transaction rolls back). */
export function savedRevision(revision: number | undefined, caseId: string, expectedRevision: number): number {
  if (revision === undefined) throw new AppError("conflict", `case ${caseId} changed since revision ${expectedRevision}`);
  return revision;
}

/** Records the refusal outside any transaction (so it survives) and throws AppError("forbidden"). */
export async function refuse(deps: CaseServiceDeps, actor: Actor, action: Action, subject: string): Promise<never> {
  await recordAudit(deps.db, {
    schoolId: actor.schoolId ?? null,
    actorId: actor.userId ?? null,
    action: "access.denied",
    subject,
    detail: { action, memberId: actor.memberId ?? null },
    at: deps.now(),
  });
  throw new AppError("forbidden", `${action} on ${subject || "-"} refused`);
}

/** The actor's school and member id, when their roles allow `action` at all. */
export async function requireRole(
  deps: CaseServiceDeps,
  actor: Actor,
  action: Action,
  subject: string,
): Promise<{ schoolId: number; memberId: number }> {
  if (actor.schoolId === undefined || actor.memberId === undefined || !can(actor, action)) {
    return refuse(deps, actor, action, subject);
  }
  return { schoolId: actor.schoolId, memberId: actor.memberId };
}

export interface SchoolNow {
  settings: SchoolCalendarSettings;
  at: Date;
  /** The school's local date at `at`. */
  today: LocalDate;
}

export async function schoolNow(deps: CaseServiceDeps, schoolId: number): Promise<SchoolNow> {
  const settings = await createSchoolRepository(deps.db).calendarSettings(schoolId);
  if (!settings) throw new AppError("notFound", `no school ${schoolId}`);
  const at = deps.now();
  return { settings, at, today: localDateIn(at, settings.timezone) };
}

export interface LoadedCase extends SchoolNow {
  stored: StoredCase;
  /** The definition version the case was opened under. */
  regulation: Regulation;
  actorId: string;
}

/** The case in the actor's school, after checking `action` on it. */
export async function loadCaseFor(deps: CaseServiceDeps, actor: Actor, caseId: string, action: Action): Promise<LoadedCase> {
  const subject = `case:${caseId}`;
  const { schoolId, memberId } = await requireRole(deps, actor, action, subject);
  const stored = await createCaseRepository(deps.db).findById(schoolId, caseId);
  if (!stored) throw new AppError("notFound", `no case ${caseId} in school ${schoolId}`);
  if (!can(actor, action, { schoolId, teacherMemberId: stored.teacherMemberId })) {
    return refuse(deps, actor, action, subject);
  }
  const now = await schoolNow(deps, schoolId);
  const regulation = deps.regulations.get(stored.state.regulationId, stored.state.regulationVersion);
  return { ...now, stored, regulation, actorId: String(memberId) };
}

export interface ChangeCaseOptions {
  actor: Actor;
  caseId: string;
  action: Action;
  /** The audit action, e.g. "case.stepCompleted". */
  audit: string;
  auditDetail?: Record<string, string | number | boolean | null>;
  transition: (loaded: LoadedCase) => Transition;
  /** A check that reads the database before the transition (e.g. the plan is not empty); it throws an AppError to refuse. */
  check?: (loaded: LoadedCase) => Promise<void>;
  /** A document the change's outcome notices carry (e.g. the memo of step II.2). */
  outcomeDocument?: { base64: string; fileName: string };
}

/**
 * Load → check → pure transition → one transaction: case (revision-checked), its events, the
 * notices the regulation asks for (outbox rows), an audit row.
 */
export async function changeCase(deps: CaseServiceDeps, options: ChangeCaseOptions): Promise<CaseChange> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, options.action);
  const { stored, at } = loaded;
  const next = domainCall(() => options.transition(loaded));
  // After the pure transition, so its refusals (a closed case, a resolved step) come first.
  await options.check?.(loaded);
  const cases = createCaseRepository(deps.db);
  const notices = await draftOutcomeNotices(deps, loaded, options.actor, next, options.outcomeDocument);
  // The regulation's registration step done, corrected or undone: the ИПР's date of registration (ВШУ) follows it.
  const registeredOn = registrationChange(loaded.regulation, stored.state, next.state, stored.registeredOn);
  const revision = await deps.db.$transaction(async (tx) => {
    const revision = savedRevision(await cases.update(tx, stored.schoolId, next.state, stored.revision), next.state.id, stored.revision);
    await cases.appendEvents(tx, stored.schoolId, next.state.id, next.events, at);
    if (registeredOn !== undefined) await cases.setPlanDate(tx, stored.schoolId, next.state.id, "registeredOn", registeredOn);
    await addNotifications(tx, notices(revision), at);
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: options.audit,
      subject: `case:${next.state.id}`,
      detail: { memberId: options.actor.memberId ?? null, revision, ...options.auditDetail },
      at,
    });
    return revision;
  });
  return { state: next.state, revision, events: next.events, notifications: next.notifications };
}
