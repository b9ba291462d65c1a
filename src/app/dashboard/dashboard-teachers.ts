import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import type { Actor } from "../actor.js";
import { requireRole } from "../cases/case-service.js";
import { dashboardCases, type SchoolCasesSource } from "./dashboard-overview.js";
import type { DashboardDeps } from "./dashboard-session.js";

/*
 * The dashboard's teachers (issue 16), for deputies and the director: each class teacher with
 * their classes, open cases and late steps, and whether the bot can reach them (a teacher who
 * blocked the bot hears of nothing); the unreachable and the late first.
 */

export interface DashboardTeacher {
  memberId: number;
  fullName: string;
  classes: string[];
  reachable: boolean;
  openCases: number;
  overdueSteps: number;
}

export async function listDashboardTeachers(
  deps: DashboardDeps,
  options: { actor: Actor; schoolCases?: SchoolCasesSource },
): Promise<{ teachers: DashboardTeacher[] }> {
  const { schoolId } = await requireRole(deps, options.actor, "viewSchool", "dashboard:teachers");
  const { cases } = await dashboardCases(deps, options.actor, options.schoolCases);
  const roster = await createDeputyViewsRepository(deps.db).teacherRoster(schoolId);
  const teachers = roster.map((t) => {
    const theirs = cases.filter((c) => c.teacherMemberId === t.memberId);
    return {
      ...t,
      openCases: theirs.length,
      overdueSteps: theirs.reduce((n, c) => n + c.steps.filter((s) => s.status === "overdue").length, 0),
    };
  });
  teachers.sort(
    (a, b) =>
      Number(a.reachable) - Number(b.reachable) ||
      b.overdueSteps - a.overdueSteps ||
      b.openCases - a.openCases ||
      a.fullName.localeCompare(b.fullName, "ru"),
  );
  return { teachers };
}
