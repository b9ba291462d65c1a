import { recordAudit } from "../../repositories/audit-repository.js";
import { readSchoolData } from "../../repositories/school-export-repository.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";

/**
 * A whole school as one JSON document, for IT staff (command line only: it holds every child's
 * data). The export itself is audited.
 */
export async function exportSchool(deps: PeopleDeps, schoolId: number): Promise<{ content: string; cases: number; students: number }> {
  const data = await readSchoolData(deps.db, schoolId);
  if (!data) throw new AppError("notFound", `no school ${schoolId}`);
  const exportedAt = deps.now();
  const { school, cases } = data;
  const document = {
    exportedAt: exportedAt.toISOString(),
    school: { ...school, annualDates: JSON.parse(school.annualDates) as unknown, members: undefined, classes: undefined },
    people: school.members.map((m) => ({
      memberId: m.id,
      fullName: m.user.fullName,
      phone: m.user.phone,
      roles: m.roles.map((r) => r.role),
      upbringingDeputy: m.upbringingDeputy,
      active: m.active,
    })),
    classes: school.classes.map((c) => ({ id: c.id, label: c.label, teacherMemberId: c.teacherId, students: c.students })),
    cases: cases.map((c) => ({
      ...c,
      flags: JSON.parse(c.flags) as unknown,
      steps: JSON.parse(c.steps) as unknown,
      events: c.events.map((e) => ({ ...e, at: e.at.toISOString(), data: JSON.parse(e.data) as unknown })),
    })),
  };
  await recordAudit(deps.db, {
    schoolId,
    actorId: null,
    action: "school.exported",
    subject: `school:${schoolId}`,
    detail: { by: "cli", cases: cases.length },
    at: exportedAt,
  });
  const students = school.classes.reduce((n, c) => n + c.students.length, 0);
  return { content: `${JSON.stringify(document, null, 2)}\n`, cases: cases.length, students };
}
