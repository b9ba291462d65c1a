import { recordAudit } from "../../repositories/audit-repository.js";
import { createCouncilRepository, type CouncilRequestRecord } from "../../repositories/council-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { councilAgreedNotices, councilFacts, councilRefusedNotices, councilRequestNotices, type Told } from "./council-notices.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { refuse, requireRole, type CaseServiceDeps } from "../cases/case-service.js";

async function loadRequest(deps: CaseServiceDeps, actor: Actor, id: number): Promise<CouncilRequestRecord & { schoolId: number }> {
  if (actor.schoolId === undefined || actor.memberId === undefined) throw new AppError("forbidden", "no membership");
  const request = await createCouncilRepository(deps.db).find(actor.schoolId, id);
  if (!request) throw new AppError("notFound", `no council request ${id}`);
  return request;
}

/** The class teacher agrees to a request someone else made about their student, or refuses it (recorded). */
export async function answerCouncilConsent(
  deps: CaseServiceDeps,
  options: { actor: Actor; requestId: number; agree: boolean },
): Promise<CouncilRequestRecord & { told: Told }> {
  const { actor } = options;
  const request = await loadRequest(deps, actor, options.requestId);
  const councils = createCouncilRepository(deps.db);
  // The consent is the student's class teacher's own: anyone else is refused (and audited).
  if ((await councils.classTeacherOf(request.schoolId, request.studentId)) !== actor.memberId) {
    return refuse(deps, actor, "requestCouncil", `council:${request.id}`);
  }
  const at = deps.now();
  const facts = await councilFacts(deps.db, request.schoolId, request.studentId, request.caseId);
  // Consent sends the request on to the deputy; a refusal goes back to the requester.
  const notices = options.agree
    ? councilRequestNotices(facts, { ...request, teacherConsent: "given" }, at)
    : { rows: councilRefusedNotices(facts, { ...request, teacherConsent: "refused", status: "refused" }, at), told: { reachable: true } };
  await deps.db.$transaction(async (tx) => {
    const changed = await councils.update(
      tx,
      request.id,
      { status: "proposed", teacherConsent: "pending" },
      options.agree ? { teacherConsent: "given" } : { teacherConsent: "refused", status: "refused" },
    );
    if (!changed) throw new AppError("conflict", `council request ${request.id} is not waiting for consent`);
    await addNotifications(tx, notices.rows, at);
    await recordAudit(tx, {
      schoolId: request.schoolId,
      actorId: actor.userId ?? null,
      action: options.agree ? "council.consentGiven" : "council.consentRefused",
      subject: `council:${request.id}`,
      detail: { memberId: actor.memberId ?? null },
      at,
    });
  });
  return { ...(await councils.find(request.schoolId, request.id))!, told: notices.told };
}

/**
 * A request whose time the actor may fix: only the deputy in charge of its case (without a case,
 * the deputy for upbringing; anyone else is refused and audited), once the class teacher consented.
 * Asked before «Другое время» too.
 */
export async function councilToAgree(
  deps: CaseServiceDeps,
  options: { actor: Actor; requestId: number },
): Promise<CouncilRequestRecord & { schoolId: number }> {
  const { actor } = options;
  const subject = `council:${options.requestId}`;
  const { schoolId, memberId } = await requireRole(deps, actor, "agreeCouncil", subject);
  const request = await loadRequest(deps, actor, options.requestId);
  const { deputy } = await councilFacts(deps.db, schoolId, request.studentId, request.caseId);
  if (deputy?.memberId !== memberId) return refuse(deps, actor, "agreeCouncil", subject);
  if (request.teacherConsent !== "given")
    throw new AppError("forbidden", `council request ${request.id} lacks the class teacher's consent`);
  return request;
}

/**
 * The deputy for upbringing agrees the form and the time: one of the proposed slots or another
 * moment. Nothing is scheduled while the class teacher's consent is pending or refused.
 */
export async function agreeCouncil(
  deps: CaseServiceDeps,
  options: { actor: Actor; requestId: number; at: Date },
): Promise<CouncilRequestRecord> {
  const { actor } = options;
  const request = await councilToAgree(deps, { actor, requestId: options.requestId });
  const now = deps.now();
  if (options.at <= now) throw new AppError("invalidInput", "a council in the past");
  const councils = createCouncilRepository(deps.db);
  const facts = await councilFacts(deps.db, request.schoolId, request.studentId, request.caseId);
  const rows = councilAgreedNotices(
    facts,
    { ...request, status: "agreed", agreedForm: request.proposedForm, agreedAt: options.at },
    actor.memberId,
    now,
  );
  await deps.db.$transaction(async (tx) => {
    const changed = await councils.update(
      tx,
      request.id,
      { status: "proposed", teacherConsent: "given" },
      { status: "agreed", agreedForm: request.proposedForm, agreedAt: options.at },
    );
    if (!changed) throw new AppError("conflict", `council request ${request.id} was answered already`);
    await addNotifications(tx, rows, now);
    await recordAudit(tx, {
      schoolId: request.schoolId,
      actorId: actor.userId ?? null,
      action: "council.agreed",
      subject: `council:${request.id}`,
      detail: { memberId: actor.memberId ?? null, at: options.at.toISOString() },
      at: now,
    });
  });
  return (await councils.find(request.schoolId, request.id))!;
}
