import { ATTACHMENT_NAME_MAX, attachmentProblem } from "../../domain/files/attachment-rules.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createPlanRepository, type CaseAttachmentRecord } from "../../repositories/plan-repository.js";

export type { CaseAttachmentRecord };
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { loadCaseFor, type CaseServiceDeps } from "./case-service.js";

/*
 * Papers of a case (a home visit report, an explanatory note, a parent's statement, a scan of the
 * signed ИПР): kept in Telegram by file id, listed in the case, its chronology and its case file.
 * Whoever may comment on a case may add one; whoever may view it may have it sent back.
 */

export interface NewCaseFile {
  telegramFile: string;
  fileName: string;
  size?: number;
  mimeType?: string;
  /** Photos are sent back as photos, documents as documents. */
  photo?: boolean;
}

export async function attachCaseFile(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; file: NewCaseFile },
): Promise<{ attachmentId: number; fileName: string }> {
  const { file } = options;
  const fileName = file.fileName.trim().replace(/\s+/g, " ").slice(0, ATTACHMENT_NAME_MAX);
  const problem = attachmentProblem({ ...file, fileName });
  if (problem === "tooBig") throw new AppError("fileTooBig", `${file.size} bytes`);
  if (problem === "executable") throw new AppError("fileNotAllowed", `executable ${fileName}`);
  if (problem) throw new AppError("invalidInput", `attachment: ${problem}`);
  const { stored, at, today, actorId } = await loadCaseFor(deps, options.actor, options.caseId, "comment");
  return deps.db.$transaction(async (tx) => {
    const attachmentId = await createPlanRepository(deps.db).addAttachment(tx, stored.schoolId, stored.state.id, {
      kind: file.photo ? "photo" : "case",
      telegramFile: file.telegramFile,
      fileName,
      ...(file.size !== undefined ? { size: file.size } : {}),
      ...(file.mimeType ? { mimeType: file.mimeType } : {}),
      ...(options.actor.memberId !== undefined ? { addedBy: options.actor.memberId } : {}),
      at,
    });
    // The chronology says it: who added which file, when.
    await createCaseRepository(deps.db).appendEvents(
      tx,
      stored.schoolId,
      stored.state.id,
      [{ type: "comment", on: today, actorId, data: { attachment: fileName } }],
      at,
    );
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "case.fileAttached",
      subject: `case:${stored.state.id}`,
      detail: { attachmentId },
      at,
    });
    return { attachmentId, fileName };
  });
}

export interface CaseFiles {
  files: CaseAttachmentRecord[];
  /** Who added them, by member id. */
  names: Record<string, string>;
  timezone: string;
  /** Whether the reader may add one. */
  canAdd: boolean;
}

/** Every file of the case (the ИПР's and the others), oldest first. */
export async function listCaseFiles(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<CaseFiles> {
  const { stored, settings } = await loadCaseFor(deps, options.actor, options.caseId, "viewCase");
  const files = await createPlanRepository(deps.db).attachments(stored.schoolId, stored.state.id);
  const names = await createSchoolRepository(deps.db).memberNames(
    stored.schoolId,
    files.flatMap((f) => (f.addedBy !== undefined ? [f.addedBy] : [])),
  );
  return {
    files,
    names,
    timezone: settings.timezone,
    canAdd: can(options.actor, "comment", { schoolId: stored.schoolId, teacherMemberId: stored.teacherMemberId }),
  };
}

/** One file of the case, to be sent back to the reader. */
export async function getCaseAttachment(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; attachmentId: number },
): Promise<CaseAttachmentRecord> {
  const { files } = await listCaseFiles(deps, options);
  const file = files.find((f) => f.id === options.attachmentId);
  if (!file) throw new AppError("notFound", `no file ${options.attachmentId} in case ${options.caseId}`);
  return file;
}
