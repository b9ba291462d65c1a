import type { Db } from "../../db/open-database.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import type { Action } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";

/**
 * Who runs an administrative use case: a person in the bot (checked against the access policy),
 * or IT staff at the command line, who hold the database anyway and are trusted.
 */
export type Operator = Actor | "cli";

/** What the onboarding and roster use cases need (BotDeps and the CLI both provide it). */
export interface PeopleDeps {
  db: Db;
  now: () => Date;
}

/** The acting user's id for the audit trail (none for the command line). */
export function auditActorId(operator: Operator): number | null {
  return operator === "cli" ? null : (operator.userId ?? null);
}

/** Records the refusal outside any transaction (so it survives) and throws AppError("forbidden"). */
export async function refuse(deps: PeopleDeps, actor: Actor, action: Action, subject: string): Promise<never> {
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
