import type { Db } from "../db/open-database.js";
import type { Tx } from "./case-repository.js";

export interface AuditEntry {
  schoolId: number | null;
  /** The acting User's id (a person across schools; installation admins may have no membership). */
  actorId: number | null;
  action: string;
  /** What was touched, e.g. "case:12". */
  subject?: string;
  /** Ids and codes only: never names, notes or other content that may later be erased. */
  detail?: Record<string, string | number | boolean | null>;
  at: Date;
}

/** Appends one audit row, inside the caller's transaction or (given the client) on its own. */
export async function recordAudit(client: Db | Tx, entry: AuditEntry): Promise<void> {
  await client.auditEvent.create({
    data: {
      schoolId: entry.schoolId,
      actorId: entry.actorId,
      action: entry.action,
      subject: entry.subject ?? "",
      detail: JSON.stringify(entry.detail ?? {}),
      at: entry.at,
    },
  });
}

/** Whether an audit row with this action and subject exists (e.g. a notice already given). */
export async function hasAudit(client: Db | Tx, action: string, subject: string): Promise<boolean> {
  return (await client.auditEvent.count({ where: { action, subject } })) > 0;
}
