import type { Db } from "../db/open-database.js";

/** Reads about councils that the bot's council screens need (the requests themselves: council-repository). */
export function createCouncilLookupRepository(db: Db) {
  return {
    /** The latest request about a case that is agreed or still waiting, if any. */
    async latestForCase(
      schoolId: number,
      caseId: number,
    ): Promise<
      | {
          id: number;
          status: string;
          reason: string;
          proposedForm: string;
          agreedForm: string | null;
          agreedAt: Date | null;
          requestedBy: number;
        }
      | undefined
    > {
      const row = await db.councilRequest.findFirst({
        where: { schoolId, caseId, status: { in: ["agreed", "proposed"] } },
        orderBy: [{ id: "desc" }],
        select: { id: true, status: true, reason: true, proposedForm: true, agreedForm: true, agreedAt: true, requestedBy: true },
      });
      return row ?? undefined;
    },

    /** Telegram contacts of active members, by member id. */
    async contacts(
      schoolId: number,
      memberIds: readonly number[],
    ): Promise<{ memberId: number; fullName: string; chatId: number | null; language: string | null }[]> {
      if (memberIds.length === 0) return [];
      const rows = await db.member.findMany({
        where: { schoolId, active: true, id: { in: [...new Set(memberIds)] } },
        select: { id: true, user: { select: { fullName: true, chatId: true, language: true } } },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => ({
        memberId: r.id,
        fullName: r.user.fullName,
        chatId: r.user.chatId !== null ? Number(r.user.chatId) : null,
        language: r.user.language,
      }));
    },

    /** Open cases of these regulations in the school, with their class teacher (who may differ from the case's teacher). */
    async openCasesByClassTeacher(
      schoolId: number,
      regulationIds: readonly string[],
    ): Promise<
      { caseId: number; regulationId: string; teacherMemberId: number; teacherUserId: number; studentName: string; classLabel: string }[]
    > {
      const rows = await db.case.findMany({
        where: { schoolId, status: "open", regulationId: { in: [...regulationIds] }, studentId: { not: null } },
        select: {
          id: true,
          regulationId: true,
          student: {
            select: { fullName: true, class: { select: { label: true, teacher: { select: { id: true, userId: true, active: true } } } } },
          },
        },
        orderBy: { id: "asc" },
      });
      return rows.flatMap((r) => {
        const teacher = r.student?.class.teacher;
        if (!r.student || !teacher?.active) return [];
        return [
          {
            caseId: r.id,
            regulationId: r.regulationId,
            teacherMemberId: teacher.id,
            teacherUserId: teacher.userId,
            studentName: r.student.fullName,
            classLabel: r.student.class.label,
          },
        ];
      });
    },
  };
}
