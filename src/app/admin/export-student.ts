import { recordAudit } from "../../repositories/audit-repository.js";
import { createRetentionRepository } from "../../repositories/retention-repository.js";
import { AppError } from "../app-error.js";
import type { Operator, PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

export interface StudentExport {
  fileName: string;
  /** JSON, UTF-8: everything the bot stores about the student. */
  content: string;
}

/** Everything about one student (for a parent's request), as a file; the export is audited. */
export async function exportStudent(
  deps: PeopleDeps,
  options: { by: Operator | undefined; schoolId?: number; studentId: number },
): Promise<StudentExport> {
  const subject = `student:${options.studentId}`;
  const { schoolId, userId } =
    options.by === "cli"
      ? { schoolId: options.schoolId!, userId: null }
      : await requireAdmin(deps, options.by, subject).then((r) => ({ schoolId: r.schoolId, userId: r.actor.userId ?? null }));
  const dossier = await createRetentionRepository(deps.db).studentDossier(schoolId, options.studentId);
  if (!dossier) throw new AppError("notFound", `no student ${options.studentId} in school ${schoolId}`);
  const exportedAt = deps.now();
  const document = {
    exportedAt: exportedAt.toISOString(),
    student: {
      id: dossier.id,
      fullName: dossier.fullName,
      class: dossier.class.label,
      birthDate: dossier.birthDate,
      leftOn: dossier.leftOn,
      addedAt: dossier.createdAt.toISOString(),
      parents: dossier.parents,
      characteristic: dossier.characteristic ? { text: dossier.characteristic, on: dossier.characteristicOn } : null,
    },
    cases: dossier.cases.map((c) => ({
      id: c.id,
      regulation: `${c.regulationId}@${c.regulationVersion}`,
      teacher: c.teacher.user.fullName,
      status: c.status,
      openedOn: c.openedOn,
      closedOn: c.closedOn,
      closeReason: c.closeReason,
      closeNote: c.closeNote,
      flags: JSON.parse(c.flags) as unknown,
      steps: JSON.parse(c.steps) as unknown,
      chronology: c.events.map((e) => ({
        type: e.type,
        on: e.on,
        at: e.at.toISOString(),
        step: e.stepId,
        data: JSON.parse(e.data) as unknown,
      })),
      registeredOn: c.registeredOn,
      planReadOn: c.planReadOn,
      planMeasures: c.measures,
      measures: c.caseMeasures,
      parentMeetings: c.parentMeetings,
      attachments: c.attachments.map((a) => ({ kind: a.kind, fileName: a.fileName, addedAt: a.createdAt.toISOString() })),
    })),
  };
  await recordAudit(deps.db, {
    schoolId,
    actorId: userId,
    action: "student.exported",
    subject,
    detail: { cases: dossier.cases.length },
    at: exportedAt,
  });
  return { fileName: `student-${dossier.id}.json`, content: `${JSON.stringify(document, null, 2)}\n` };
}
