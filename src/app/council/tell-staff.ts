import { subjectLabel } from "../../domain/people/names.js";
import { createCouncilLookupRepository } from "../../repositories/council-lookup-repository.js";
import { createDeputyRepository, type StaffContact } from "../../repositories/deputy-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { deputyOfCase } from "../cases/case-deputy.js";
import { loadCaseFor, type CaseServiceDeps, type LoadedCase } from "../cases/case-service.js";
import { noticeRow } from "../notices/notice-row.js";
import { whenParam } from "../notices/when-param.js";

/*
 * IV.3: the short notice of the agreed council («🗣 малый педсовет, 26.11 …, Иванов П., 7Б») goes
 * to the council's participants — the class teacher, whoever asked for it and the case's deputy —
 * and to the colleagues the teacher picks from the staff list, no one else: a child's situation is
 * not news for the whole staff room.
 */

export interface CouncilAudience {
  /** Whether a council is agreed: before that, nobody is told anything. */
  agreed: boolean;
  /** Told in any case (not the person asking). */
  participants: { memberId: number; fullName: string }[];
  /** The rest of the school's active staff, by name, to pick from. */
  staff: { memberId: number; fullName: string }[];
}

interface Audience {
  agreed: { form: string; at: Date } | undefined;
  participants: StaffContact[];
  others: StaffContact[];
}

async function audienceOf(deps: CaseServiceDeps, loaded: LoadedCase, actor: Actor): Promise<Audience> {
  const { stored, regulation } = loaded;
  const council = await createCouncilLookupRepository(deps.db).latestForCase(stored.schoolId, Number(stored.state.id));
  if (council?.status !== "agreed" || !council.agreedAt) return { agreed: undefined, participants: [], others: [] };
  const staff = await createDeputyRepository(deps.db).staff(stored.schoolId);
  const ids = new Set([stored.teacherMemberId, council.requestedBy, deputyOfCase(staff, stored, regulation)?.memberId]);
  const byName = (a: StaffContact, b: StaffContact) => a.fullName.localeCompare(b.fullName, "ru");
  return {
    agreed: { form: council.agreedForm ?? council.proposedForm, at: council.agreedAt },
    participants: staff.filter((m) => ids.has(m.memberId) && m.memberId !== actor.memberId).sort(byName),
    others: staff.filter((m) => !ids.has(m.memberId) && m.memberId !== actor.memberId).sort(byName),
  };
}

/** Who will hear of the council and whom the teacher may add; only for someone who may work on the case. */
export async function councilAudience(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<CouncilAudience> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  const audience = await audienceOf(deps, loaded, options.actor);
  const names = (list: StaffContact[]) => list.map((m) => ({ memberId: m.memberId, fullName: m.fullName }));
  return { agreed: audience.agreed !== undefined, participants: names(audience.participants), staff: names(audience.others) };
}

/**
 * Tells the participants and the picked colleagues. The picked ids come from buttons: each must be
 * active staff of the case's school, or nothing is sent. Returns how many people will be told
 * (those who opened the bot).
 */
export async function tellStaffAboutCouncil(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; memberIds: readonly number[] },
): Promise<number> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  const { stored, at, settings } = loaded;
  const audience = await audienceOf(deps, loaded, options.actor);
  if (!audience.agreed) return 0;
  const picked = options.memberIds.map((id) => {
    const member = [...audience.others, ...audience.participants].find((m) => m.memberId === id);
    if (!member) throw new AppError("notFound", `no member ${id} to tell in school ${stored.schoolId}`);
    return member;
  });
  const student =
    stored.studentId !== null ? await createSchoolRepository(deps.db).findStudent(stored.schoolId, stored.studentId) : undefined;
  const params = {
    form: { t: `council.forms.${audience.agreed.form}` },
    when: whenParam(audience.agreed.at, settings.timezone),
    subject: subjectLabel(student?.fullName, student?.classLabel ?? stored.state.classLabel),
  };
  const told = new Map<number, StaffContact>();
  for (const m of [...audience.participants, ...picked]) if (m.chatId !== null) told.set(m.userId, m);
  const rows = [...told.values()].map((m) =>
    noticeRow({
      schoolId: stored.schoolId,
      userId: m.userId,
      caseId: Number(stored.state.id),
      at,
      payload: { lines: [{ key: "infoPack.staffNotice", params }] },
    }),
  );
  await addNotifications(deps.db, rows, at);
  return rows.length;
}
