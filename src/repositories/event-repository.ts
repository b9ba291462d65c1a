import type { Db } from "../db/open-database.js";
import type { Tx } from "./case-repository.js";

/** Classes, class cases of the upbringing regulation and the events of section III.3. */

export interface ClassRow {
  id: number;
  label: string;
  teacherMemberId: number | null;
}

export interface ClassTeacherContact {
  classId: number;
  label: string;
  memberId: number;
  userId: number;
  chatId: number | null;
  language: string | null;
}

export interface EventClassRow {
  id: number;
  classId: number;
  label: string;
  answer: string | null;
  declined: boolean;
  answeredAt: Date | null;
}

export interface SchoolEventRecord {
  id: number;
  schoolId: number;
  title: string;
  details: string;
  answerBy: string | null;
  createdBy: number;
  createdAt: Date;
  classes: EventClassRow[];
}

export function createEventRepository(db: Db) {
  async function labels(schoolId: number, classIds: readonly number[]): Promise<Map<number, string>> {
    const rows = await db.schoolClass.findMany({ where: { schoolId, id: { in: [...classIds] } }, select: { id: true, label: true } });
    return new Map(rows.map((r) => [r.id, r.label]));
  }

  return {
    async classesOfTeacher(schoolId: number, memberId: number): Promise<ClassRow[]> {
      const rows = await db.schoolClass.findMany({ where: { schoolId, teacherId: memberId }, orderBy: { label: "asc" } });
      return rows.map((r) => ({ id: r.id, label: r.label, teacherMemberId: r.teacherId }));
    },

    async schoolClasses(schoolId: number): Promise<ClassRow[]> {
      const rows = await db.schoolClass.findMany({ where: { schoolId }, orderBy: { label: "asc" } });
      return rows.map((r) => ({ id: r.id, label: r.label, teacherMemberId: r.teacherId }));
    },

    async classTeachers(schoolId: number, classIds: readonly number[]): Promise<ClassTeacherContact[]> {
      const rows = await db.schoolClass.findMany({
        where: { schoolId, id: { in: [...classIds] }, teacher: { active: true } },
        select: {
          id: true,
          label: true,
          teacher: { select: { id: true, userId: true, user: { select: { chatId: true, language: true } } } },
        },
        orderBy: { label: "asc" },
      });
      return rows.flatMap((r) =>
        r.teacher
          ? [
              {
                classId: r.id,
                label: r.label,
                memberId: r.teacher.id,
                userId: r.teacher.userId,
                chatId: r.teacher.user.chatId === null ? null : Number(r.teacher.user.chatId),
                language: r.teacher.user.language,
              },
            ]
          : [],
      );
    },

    /** The class's open case under `regulationId` opened on `openedOn` (the school year's start). */
    async findClassCase(schoolId: number, classId: number, regulationId: string, openedOn: string): Promise<number | undefined> {
      const row = await db.case.findFirst({
        where: { schoolId, classId, regulationId, studentId: null, status: "open", openedOn },
        orderBy: { id: "asc" },
        select: { id: true },
      });
      return row?.id;
    },

    async createEvent(
      tx: Tx,
      options: {
        schoolId: number;
        title: string;
        details: string;
        answerBy: string | null;
        createdBy: number;
        classIds: readonly number[];
      },
    ): Promise<{ id: number; rowOfClass: Map<number, number> }> {
      const event = await tx.schoolEvent.create({
        data: {
          schoolId: options.schoolId,
          title: options.title,
          details: options.details,
          answerBy: options.answerBy,
          createdBy: options.createdBy,
        },
      });
      const rowOfClass = new Map<number, number>();
      for (const classId of options.classIds)
        rowOfClass.set(
          classId,
          (await tx.schoolEventClass.create({ data: { schoolId: options.schoolId, eventId: event.id, classId } })).id,
        );
      return { id: event.id, rowOfClass };
    },

    async findEvent(schoolId: number, eventId: number): Promise<SchoolEventRecord | undefined> {
      const event = await db.schoolEvent.findFirst({ where: { id: eventId, schoolId } });
      if (!event) return undefined;
      const rows = await db.schoolEventClass.findMany({ where: { eventId } });
      const names = await labels(
        schoolId,
        rows.map((r) => r.classId),
      );
      const classes = rows
        .map((r) => ({
          id: r.id,
          classId: r.classId,
          label: names.get(r.classId) ?? "?",
          answer: r.answer,
          declined: r.declined,
          answeredAt: r.answeredAt,
        }))
        .sort((a, b) => a.label.localeCompare(b.label, "ru"));
      return {
        id: event.id,
        schoolId: event.schoolId,
        title: event.title,
        details: event.details,
        answerBy: event.answerBy,
        createdBy: event.createdBy,
        createdAt: event.createdAt,
        classes,
      };
    },

    async recentEventIds(schoolId: number, take: number): Promise<number[]> {
      const rows = await db.schoolEvent.findMany({ where: { schoolId }, orderBy: { id: "desc" }, take, select: { id: true } });
      return rows.map((r) => r.id);
    },

    /** The event's row for one class, with the event's school (for the access check). */
    async findEventClass(
      eventClassId: number,
    ): Promise<{ id: number; eventId: number; classId: number; schoolId: number; title: string } | undefined> {
      const row = await db.schoolEventClass.findUnique({ where: { id: eventClassId } });
      if (!row) return undefined;
      const event = await db.schoolEvent.findUnique({ where: { id: row.eventId }, select: { schoolId: true, title: true } });
      return event ? { id: row.id, eventId: row.eventId, classId: row.classId, schoolId: event.schoolId, title: event.title } : undefined;
    },

    /** The member's user, when active and the bot can write to them. */
    async memberChat(schoolId: number, memberId: number): Promise<{ userId: number; chatId: number; language: string | null } | undefined> {
      const row = await db.member.findFirst({
        where: { id: memberId, schoolId, active: true },
        select: { userId: true, user: { select: { chatId: true, language: true } } },
      });
      return row && row.user.chatId !== null
        ? { userId: row.userId, chatId: Number(row.user.chatId), language: row.user.language }
        : undefined;
    },

    async answer(tx: Tx, eventClassId: number, options: { answer: string | null; declined: boolean; by: number; at: Date }): Promise<void> {
      await tx.schoolEventClass.update({
        where: { id: eventClassId },
        data: { answer: options.answer, declined: options.declined, answeredBy: options.by, answeredAt: options.at },
      });
    },
  };
}
