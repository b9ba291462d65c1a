import type { Api } from "grammy";
import type { TFunction } from "i18next";
import type { BotDeps } from "../deps.js";
import { localDateIn, localTimeIn } from "../../domain/dates.js";
import { pickLanguage } from "../../i18n.js";
import type { CouncilRequestRecord } from "../../repositories/council-repository.js";
import { createCouncilLookupRepository } from "../../repositories/council-lookup-repository.js";
import { createCouncilRepository } from "../../repositories/council-repository.js";
import { createDeputyRepository } from "../../repositories/deputy-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { meetingWhen } from "../conversations/meeting.js";
import { subjectLabel } from "./format.js";

/*
 * Council messages between the requester, the class teacher and the deputy for upbringing.
 * Data: "cn:<action>:<id>[:<n>]"; every press loads the request again and the use case checks who may answer.
 */
export const COUNCIL_DATA = {
  request: (caseId: number | string) => `cn:rq:${caseId}`,
  infoPack: (caseId: number | string) => `cn:ip:${caseId}`,
  consent: (requestId: number, agree: boolean) => `cn:${agree ? "y" : "n"}:${requestId}`,
  slot: (requestId: number, index: number) => `cn:s:${requestId}:${index}`,
  otherTime: (requestId: number) => `cn:o:${requestId}`,
  /** The checklist's ticks travel as a bit mask: what the teacher says they did, not an authority. */
  toggle: (caseId: number, mask: number) => `cn:t:${caseId}:${mask}`,
  informedDone: (caseId: number, mask: number) => `cn:td:${caseId}:${mask}`,
  pattern: /^cn:(rq|ip|y|n|s|o|t|td):(\d{1,9})(?::(\d))?$/,
} as const;

export function councilWhen(t: TFunction, iso: string | Date, timezone: string): string {
  const at = new Date(iso);
  const time = localTimeIn(at, timezone);
  return meetingWhen(t, localDateIn(at, timezone), `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`);
}

interface Contact {
  memberId: number;
  fullName: string;
  chatId: number | null;
  language: string | null;
}

async function context(deps: BotDeps, request: CouncilRequestRecord) {
  const schools = createSchoolRepository(deps.db);
  const student = await schools.findStudent(request.schoolId, request.studentId);
  const timezone = (await schools.calendarSettings(request.schoolId))?.timezone ?? deps.defaultTimezone;
  const names = await schools.memberNames(request.schoolId, [request.requestedBy]);
  return { subject: subjectLabel(student?.fullName, student?.classLabel), timezone, requester: names[String(request.requestedBy)] ?? "" };
}

async function send(api: Api, deps: BotDeps, to: Contact | undefined, compose: (t: TFunction) => { text: string; buttons?: { text: string; callback_data: string }[][] }): Promise<boolean> {
  if (!to?.chatId) return false;
  const message = compose(deps.i18n.t(pickLanguage(to.language, undefined)));
  try {
    await api.sendMessage(to.chatId, message.text, message.buttons ? { reply_markup: { inline_keyboard: message.buttons } } : {});
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, memberId: to.memberId }, "could not deliver a council message");
    return false;
  }
}

export async function contactOf(deps: BotDeps, schoolId: number, memberId: number | undefined): Promise<Contact | undefined> {
  if (memberId === undefined) return undefined;
  return (await createCouncilLookupRepository(deps.db).contacts(schoolId, [memberId]))[0];
}

/** The request (with the class teacher's consent) to the deputy: one button per proposed slot and «Другое время». */
export async function sendToDeputy(api: Api, deps: BotDeps, request: CouncilRequestRecord): Promise<{ name?: string; delivered: boolean }> {
  const deputy = await createDeputyRepository(deps.db).upbringingDeputy(request.schoolId);
  const about = await context(deps, request);
  const delivered = await send(api, deps, deputy, (t) => ({
    text: t("council.toDeputy", { form: t(`council.forms.${request.proposedForm}`), subject: about.subject, requester: about.requester, reason: request.reason }),
    buttons: [...request.slots.map((slot, i) => [{ text: councilWhen(t, slot, about.timezone), callback_data: COUNCIL_DATA.slot(request.id, i) }]), [{ text: t("council.buttons.otherTime"), callback_data: COUNCIL_DATA.otherTime(request.id) }]],
  }));
  return { ...(deputy ? { name: deputy.fullName } : {}), delivered };
}

/** A request by someone else than the class teacher goes to the class teacher first. */
export async function askConsent(api: Api, deps: BotDeps, request: CouncilRequestRecord): Promise<{ name?: string; delivered: boolean }> {
  const teacher = await contactOf(deps, request.schoolId, await createCouncilRepository(deps.db).classTeacherOf(request.schoolId, request.studentId));
  const about = await context(deps, request);
  const delivered = await send(api, deps, teacher, (t) => ({
    text: t("council.askConsent", { form: t(`council.forms.${request.proposedForm}`), subject: about.subject, requester: about.requester, reason: request.reason }),
    buttons: [[{ text: t("council.buttons.agree"), callback_data: COUNCIL_DATA.consent(request.id, true) }, { text: t("council.buttons.refuse"), callback_data: COUNCIL_DATA.consent(request.id, false) }]],
  }));
  return { ...(teacher ? { name: teacher.fullName } : {}), delivered };
}

/** Tells the requester that the class teacher refused. */
export async function tellRefused(api: Api, deps: BotDeps, request: CouncilRequestRecord): Promise<void> {
  const about = await context(deps, request);
  await send(api, deps, await contactOf(deps, request.schoolId, request.requestedBy), (t) => ({ text: t("council.refusedNotice", { subject: about.subject }) }));
}

/** Tells the class teacher (and the requester, if another person) the agreed form and time. */
export async function tellAgreed(api: Api, deps: BotDeps, request: CouncilRequestRecord, except: number | undefined): Promise<void> {
  const about = await context(deps, request);
  const teacherId = await createCouncilRepository(deps.db).classTeacherOf(request.schoolId, request.studentId);
  const ids = [...new Set([teacherId, request.requestedBy].filter((id): id is number => id !== undefined && id !== except))];
  for (const memberId of ids) {
    await send(api, deps, await contactOf(deps, request.schoolId, memberId), (t) => ({
      text: t("council.agreedNotice", { form: t(`council.forms.${request.agreedForm ?? request.proposedForm}`), when: councilWhen(t, request.agreedAt!, about.timezone), subject: about.subject }),
      ...(request.caseId !== undefined && memberId === teacherId ? { buttons: [[{ text: t("infoPack.button"), callback_data: COUNCIL_DATA.infoPack(request.caseId) }]] } : {}),
    }));
  }
}
