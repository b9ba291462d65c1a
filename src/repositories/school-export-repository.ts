import type { Db } from "../db/open-database.js";

/** Everything one school holds, for a school's own export (moving installation, an inspection). */
export async function readSchoolData(db: Db, schoolId: number) {
  const school = await db.school.findUnique({
    where: { id: schoolId },
    select: {
      id: true,
      name: true,
      timezone: true,
      weekLength: true,
      workStartHour: true,
      workEndHour: true,
      digestHour: true,
      hideNamesInPush: true,
      annualDates: true,
      vacations: { orderBy: { fromDate: "asc" }, select: { name: true, fromDate: true, toDate: true } },
      members: {
        orderBy: { id: "asc" },
        select: { id: true, roles: true, upbringingDeputy: true, active: true, user: { select: { fullName: true, phone: true } } },
      },
      classes: {
        orderBy: { label: "asc" },
        select: {
          id: true,
          label: true,
          teacherId: true,
          students: {
            orderBy: { fullName: "asc" },
            select: {
              id: true,
              fullName: true,
              birthDate: true,
              characteristic: true,
              characteristicOn: true,
              parents: { orderBy: { id: "asc" }, select: { fullName: true, relation: true, phone: true } },
            },
          },
        },
      },
    },
  });
  if (!school) return undefined;
  const cases = await db.case.findMany({
    where: { schoolId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      regulationId: true,
      regulationVersion: true,
      studentId: true,
      classId: true,
      teacherId: true,
      status: true,
      openedOn: true,
      closedOn: true,
      closeReason: true,
      closeNote: true,
      flags: true,
      steps: true,
      events: { orderBy: { id: "asc" }, select: { type: true, on: true, at: true, actorId: true, stepId: true, data: true } },
      measures: { orderBy: { position: "asc" }, select: { what: true, who: true, dueOn: true, doneOn: true } },
    },
  });
  return { school, cases };
}
