import type { Actor, Role } from "./actor.js";

/**
 * The one place that decides who may do what. Handlers and callbacks ask here; they never
 * compare roles themselves.
 */
export type Action =
  | "useBot"
  | "editOwnProfile"
  | "openCase"
  | "viewCase"
  | "completeStep"
  | "comment"
  | "reassign"
  /** Hand a case to another deputy in charge: deputies and the director. */
  | "reassignDeputy"
  | "closeCase"
  | "export"
  | "administer"
  /** Create and revoke invitation links of the actor's school. */
  | "invite"
  /** Create a school (installation admins only). */
  | "createSchool"
  /** Erase a school with everything it holds (installation admins only). */
  | "eraseSchool"
  /** Add students to a class: a teacher to their own classes, deputies and admins to any. */
  | "manageStudents"
  /** Create classes (e.g. while importing a roster). */
  | "manageClasses"
  /** Find students by name and see their cases' status: a teacher their own, school-wide roles the school's. */
  | "lookup"
  /** Open an emergency alert's details: its teacher, the school's deputies and director. */
  | "viewSos"
  /** Take an emergency alert («Принято»): deputies and the director. */
  | "acknowledgeSos"
  /** The school-wide views (/overdue, /school) and the morning digest: deputies and the director. */
  | "viewSchool"
  /** Announce a school event to classes and see the answers (section III.3): deputies and the director. */
  | "postEvent"
  /** Schedule a working-group meeting of class teachers (section III.2): deputies and the director. */
  | "scheduleWorkingGroup"
  /** Ask for a council about a student (section IV.2): a teacher about their own class's students, school-wide roles about anyone. */
  | "requestCouncil"
  /** Fix a council's time (section IV.2): deputies; the use case also requires the deputy for upbringing. */
  | "agreeCouncil"
  /** Record a student's parents and «характеристика» (through a case): the teacher running it, deputies and the director. */
  | "editStudentRecord"
  /** Import the journal's attendance: a class teacher for their own classes, the admin for any (issue 15). */
  | "importAttendance"
  /** Open the dashboard (issue 16): a teacher sees their classes, deputies and the director the school. */
  | "useDashboard";

export interface CaseResource {
  schoolId: number;
  teacherMemberId: number;
}

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  teacher: [
    "useBot",
    "editOwnProfile",
    "openCase",
    "viewCase",
    "completeStep",
    "comment",
    "closeCase",
    "manageStudents",
    "lookup",
    "viewSos",
    "requestCouncil",
    "editStudentRecord",
    "importAttendance",
    "useDashboard",
  ],
  deputy: [
    "useBot",
    "editOwnProfile",
    "viewCase",
    "comment",
    "reassign",
    "reassignDeputy",
    "closeCase",
    "export",
    "manageStudents",
    "lookup",
    "viewSos",
    "acknowledgeSos",
    "viewSchool",
    "postEvent",
    "scheduleWorkingGroup",
    "requestCouncil",
    "agreeCouncil",
    "editStudentRecord",
    "useDashboard",
  ],
  specialist: ["useBot", "editOwnProfile", "viewCase", "comment", "lookup", "requestCouncil"],
  director: [
    "useBot",
    "editOwnProfile",
    "viewCase",
    "comment",
    "reassignDeputy",
    "export",
    "lookup",
    "viewSos",
    "acknowledgeSos",
    "viewSchool",
    "postEvent",
    "scheduleWorkingGroup",
    "requestCouncil",
    "editStudentRecord",
    "useDashboard",
  ],
  admin: ["useBot", "editOwnProfile", "administer", "export", "invite", "manageStudents", "manageClasses", "lookup", "importAttendance"],
};

/** What ADMIN_IDS may do in any school, with or without a membership there. */
const INSTALLATION_ADMIN_ACTIONS: readonly Action[] = ["useBot", "editOwnProfile", "administer", "invite", "createSchool", "eraseSchool"];

/** Roles that see every case of their school; a teacher sees only the cases they run. */
const SCHOOL_WIDE: readonly Role[] = ["deputy", "director", "specialist", "admin"];

export function can(actor: Actor | undefined, action: Action, resource?: CaseResource): boolean {
  if (!actor) return false;
  if (actor.installationAdmin && INSTALLATION_ADMIN_ACTIONS.includes(action)) return true;
  const allowed = actor.roles.some((role) => ROLE_ACTIONS[role].includes(action));
  if (!allowed) return false;
  if (!resource) return true;
  if (resource.schoolId !== actor.schoolId) return false;
  if (actor.roles.some((role) => SCHOOL_WIDE.includes(role) && ROLE_ACTIONS[role].includes(action))) return true;
  return resource.teacherMemberId === actor.memberId;
}

/**
 * Which students an action may reach: "school" for a role that sees the whole school, "own" for a
 * teacher (their classes' students, and for a lookup also the students of cases they run).
 */
export function studentScope(actor: Actor | undefined, action: Action): "school" | "own" | undefined {
  if (!actor || actor.schoolId === undefined || !can(actor, action)) return undefined;
  return actor.roles.some((role) => SCHOOL_WIDE.includes(role) && ROLE_ACTIONS[role].includes(action)) ? "school" : "own";
}

/** Roles whose help sections a person sees, in a stable order. */
export function helpSections(actor: Actor | undefined): Role[] {
  if (!actor) return [];
  const roles = new Set<Role>(actor.roles);
  if (actor.installationAdmin) roles.add("admin");
  return (["teacher", "deputy", "specialist", "director", "admin"] as const).filter((r) => roles.has(r));
}
