import { formatRussianDate, type LocalDate } from "../../domain/dates.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { noticeRow } from "../notices/notice-row.js";
import { EVENT_DATA } from "./event-data.js";
import { createEventRepository, type ClassTeacherContact } from "../../repositories/event-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { requireRole, type CaseServiceDeps } from "../cases/case-service.js";

export const EVENT_TITLE_MAX = 200;
export const EVENT_DETAILS_MAX = 1500;

export interface PostEventOptions {
  actor: Actor;
  title: string;
  details: string;
  answerBy?: LocalDate;
  classIds: readonly number[];
}

export interface PostedEvent {
  eventId: number;
  /** Class teachers to ask, with the row id each answers on. */
  recipients: (ClassTeacherContact & { eventClassId: number })[];
}

/** III.3: a deputy announces an event to some classes; each class teacher will answer for their class. */
/** The classes an event may be announced to (the school's, by label): only to those who may post events. */
export async function eventClasses(deps: CaseServiceDeps, actor: Actor): Promise<{ id: number; label: string }[]> {
  const { schoolId } = await requireRole(deps, actor, "postEvent", "event");
  return (await createEventRepository(deps.db).schoolClasses(schoolId)).map((c) => ({ id: c.id, label: c.label }));
}

export async function postEvent(deps: CaseServiceDeps, options: PostEventOptions): Promise<PostedEvent> {
  const { actor } = options;
  const { schoolId, memberId } = await requireRole(deps, actor, "postEvent", "event");
  const title = options.title.trim();
  if (!title || title.length > EVENT_TITLE_MAX || options.details.length > EVENT_DETAILS_MAX)
    throw new AppError("invalidInput", "bad event text");
  const events = createEventRepository(deps.db);
  const known = new Set((await events.schoolClasses(schoolId)).map((c) => c.id));
  const classIds = [...new Set(options.classIds)].filter((id) => known.has(id));
  if (classIds.length === 0) throw new AppError("invalidInput", "no classes");
  const at = deps.now();
  const details = options.details.trim();
  const teachers = await events.classTeachers(schoolId, classIds);
  const { eventId, rowOfClass } = await deps.db.$transaction(async (tx) => {
    const created = await events.createEvent(tx, {
      schoolId,
      title,
      details,
      answerBy: options.answerBy ?? null,
      createdBy: memberId,
      classIds,
    });
    // Each class teacher is asked, with buttons that answer for their class's row.
    const asks = teachers
      .filter((teacher) => teacher.chatId !== null)
      .map((teacher) => {
        const row = created.rowOfClass.get(teacher.classId)!;
        return noticeRow({
          schoolId,
          userId: teacher.userId,
          at,
          payload: {
            lines: [
              {
                key: "event.announcement",
                params: {
                  title,
                  details,
                  classLabel: teacher.label,
                  date: options.answerBy ? formatRussianDate(options.answerBy) : "",
                  from: actor.fullName,
                },
              },
            ],
            buttons: [
              [{ label: { key: "event.buttons.sendList" }, data: EVENT_DATA.list(row) }],
              [{ label: { key: "event.buttons.decline" }, data: EVENT_DATA.decline(row) }],
            ],
          },
        });
      });
    await addNotifications(tx, asks, at);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "event.posted",
      subject: `event:${created.id}`,
      detail: { memberId, classes: classIds.length },
      at,
    });
    return { eventId: created.id, rowOfClass: created.rowOfClass };
  });
  return { eventId, recipients: teachers.map((t) => ({ ...t, eventClassId: rowOfClass.get(t.classId)! })) };
}
