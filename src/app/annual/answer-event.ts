import { recordAudit } from "../../repositories/audit-repository.js";
import { createEventRepository } from "../../repositories/event-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { noticeRow } from "../notices/notice-row.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { requireRole, type CaseServiceDeps } from "../cases/case-service.js";
import { completeStep } from "../cases/complete-step.js";
import { ensureClassCase } from "./annual-tasks.js";

export const PARTICIPANTS_MAX = 2000;
const AGREE_STEP = "agreeParticipation";

export interface AnswerEventOptions {
  actor: Actor;
  eventClassId: number;
  /** The list of participants; undefined for «не участвуем». */
  participants?: string;
}

export interface AnsweredEvent {
  eventId: number;
  title: string;
  classLabel: string;
}

/** How much of the typed list the deputy's notice quotes; the whole list is in /events. */
const QUOTED_LIST_MAX = 500;

function quote(text: string): string {
  return text.length <= QUOTED_LIST_MAX ? text : `${text.slice(0, QUOTED_LIST_MAX - 1)}…`;
}

/** The event's row for a class the actor leads, or AppError (another class, another school, missing). */
export async function eventRowToAnswer(deps: CaseServiceDeps, options: { actor: Actor; eventClassId: number }) {
  const { schoolId, memberId } = await requireRole(deps, options.actor, "completeStep", `eventClass:${options.eventClassId}`);
  const events = createEventRepository(deps.db);
  const row = await events.findEventClass(options.eventClassId);
  if (!row || row.schoolId !== schoolId) throw new AppError("notFound", `no event row ${options.eventClassId}`);
  const teachers = await events.classTeachers(schoolId, [row.classId]);
  if (teachers[0]?.memberId !== memberId) throw new AppError("forbidden", `class ${row.classId} is not led by member ${memberId}`);
  return { row, schoolId, memberId };
}

/** The class teacher's answer, for their own class only; it also records step III.3 of the class case. */
export async function answerEvent(deps: CaseServiceDeps, options: AnswerEventOptions): Promise<AnsweredEvent> {
  const { actor } = options;
  const { row, schoolId, memberId } = await eventRowToAnswer(deps, options);
  const events = createEventRepository(deps.db);
  const participants = options.participants?.trim();
  if (participants !== undefined && (!participants || participants.length > PARTICIPANTS_MAX))
    throw new AppError("invalidInput", "bad participants list");

  const at = deps.now();
  const event = (await events.findEvent(schoolId, row.eventId))!;
  const classLabel = event.classes.find((c) => c.id === row.id)?.label ?? "";
  // The deputy who posted the event hears each class's answer.
  const author = await events.memberChat(schoolId, event.createdBy);
  const told = author
    ? [
        noticeRow({
          schoolId,
          userId: author.userId,
          at,
          payload: {
            lines: [
              {
                key: "event.answerNotice",
                params: {
                  classLabel,
                  title: event.title,
                  answer: participants !== undefined ? quote(participants) : { t: "event.declinedMark" },
                },
              },
            ],
          },
        }),
      ]
    : [];
  await deps.db.$transaction(async (tx) => {
    await events.answer(tx, row.id, { answer: participants ?? null, declined: participants === undefined, by: memberId, at });
    await addNotifications(tx, told, at);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: participants === undefined ? "event.declined" : "event.answered",
      subject: `event:${row.eventId}`,
      detail: { memberId, classId: row.classId },
      at,
    });
  });

  // The regulation's step 3 is «as needed»: the first agreed event of the year marks it done.
  const caseId = await ensureClassCase(deps, actor, row.classId);
  const stored = await createCaseRepository(deps.db).findById(schoolId, String(caseId));
  if (stored?.state.steps[AGREE_STEP]?.state === "open") {
    await completeStep(deps, { actor, caseId: String(caseId), stepId: AGREE_STEP, form: "corporateEmail" });
  }
  return { eventId: row.eventId, title: event.title, classLabel };
}
