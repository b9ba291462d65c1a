import { createAdminRepository } from "../../repositories/admin-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

export const LAST_GRADE = 11;

export interface PromotionPlan {
  renames: { classId: number; from: string; to: string }[];
  /** Classes of the last grade: they leave school, the admin decides what happens to them. */
  graduating: string[];
  /** Labels without a grade number, left as they are. */
  skipped: string[];
  /** Target labels already taken by a class that is not renamed itself. */
  conflicts: { from: string; to: string }[];
}

/** "7Б" → 7 and "Б"; undefined for a label that does not start with a grade. */
function splitLabel(label: string): { grade: number; rest: string } | undefined {
  const match = /^(\d{1,2})(.*)$/.exec(label.trim());
  if (!match) return undefined;
  return { grade: Number(match[1]), rest: match[2]! };
}

export function planPromotion(classes: readonly { id: number; label: string }[]): PromotionPlan {
  const plan: PromotionPlan = { renames: [], graduating: [], skipped: [], conflicts: [] };
  for (const c of classes) {
    const parts = splitLabel(c.label);
    if (!parts) plan.skipped.push(c.label);
    else if (parts.grade >= LAST_GRADE) plan.graduating.push(c.label);
    else plan.renames.push({ classId: c.id, from: c.label, to: `${parts.grade + 1}${parts.rest}` });
  }
  const moving = new Set(plan.renames.map((r) => r.from));
  const staying = new Set(classes.map((c) => c.label).filter((label) => !moving.has(label)));
  plan.conflicts = plan.renames.filter((r) => staying.has(r.to)).map(({ from, to }) => ({ from, to }));
  return plan;
}

export async function previewPromotion(deps: PeopleDeps, actor: Actor | undefined): Promise<PromotionPlan> {
  const { schoolId } = await requireAdmin(deps, actor, "school:promotion");
  return planPromotion(await createAdminRepository(deps.db).classes(schoolId));
}

/** Renames every class to the next grade in one transaction, or nothing when any target is taken. */
export async function promoteClasses(deps: PeopleDeps, actor: Actor | undefined): Promise<PromotionPlan> {
  const { schoolId, actor: admin } = await requireAdmin(deps, actor, "school:promotion");
  const repository = createAdminRepository(deps.db);
  const plan = planPromotion(await repository.classes(schoolId));
  if (plan.conflicts.length > 0) throw new AppError("conflict", `taken: ${plan.conflicts.map((c) => c.to).join(", ")}`);
  // Higher grades first: 8Б is free before 7Б becomes 8Б (labels are unique per school).
  const ordered = [...plan.renames].sort((a, b) => splitLabel(b.from)!.grade - splitLabel(a.from)!.grade);
  await deps.db.$transaction(async (tx) => {
    for (const r of ordered) await repository.renameClass(tx, schoolId, r.classId, r.to);
    await recordAudit(tx, {
      schoolId,
      actorId: admin.userId ?? null,
      action: "school.classesPromoted",
      subject: `school:${schoolId}`,
      detail: { renamed: plan.renames.length, graduating: plan.graduating.join(",") },
      at: deps.now(),
    });
  });
  return plan;
}
