import { addDays, type LocalDate } from "../../domain/dates.js";
import { createAdminRepository } from "../../repositories/admin-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { Operator, PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

const HEADER = ["id", "at", "actor_user_id", "action", "subject", "detail"];

/** RFC 4180: quote a field holding a quote, comma or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function instantOf(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * The school's audit trail from `from` to `to` (both UTC dates inclusive) as CSV. The export is
 * itself audited (before the rows are read, so it lists itself when the range covers today).
 */
export async function exportAudit(
  deps: PeopleDeps,
  options: { by: Operator | undefined; schoolId?: number; from: LocalDate; to: LocalDate },
): Promise<{ csv: string; rows: number }> {
  const { schoolId, userId } =
    options.by === "cli"
      ? { schoolId: options.schoolId!, userId: null }
      : await requireAdmin(deps, options.by, "audit:export").then((r) => ({ schoolId: r.schoolId, userId: r.actor.userId ?? null }));
  if (options.to < options.from) throw new AppError("invalidInput", "the range ends before it starts");
  await recordAudit(deps.db, {
    schoolId,
    actorId: userId,
    action: "audit.exported",
    subject: `school:${schoolId}`,
    detail: { from: options.from, to: options.to },
    at: deps.now(),
  });
  const rows = await createAdminRepository(deps.db).auditRows(schoolId, instantOf(options.from), instantOf(addDays(options.to, 1)));
  const lines = [HEADER.join(",")];
  for (const r of rows) {
    lines.push(
      [String(r.id), r.at.toISOString(), r.actorId === null ? "" : String(r.actorId), r.action, r.subject, r.detail]
        .map(csvField)
        .join(","),
    );
  }
  return { csv: `${lines.join("\r\n")}\r\n`, rows: rows.length };
}
