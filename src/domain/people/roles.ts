export const ROLES = ["teacher", "deputy", "specialist", "director", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Roles as stored ("teacher,deputy"); unknown words are dropped. */
export function parseRoles(text: string): Role[] {
  return text
    .split(",")
    .map((r) => r.trim())
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

/** A staff member as far as choosing whom to tell is concerned. */
export interface StaffRoles {
  roles: readonly Role[];
  /** Named by the school as the person with the upbringing deputy's powers (seed 000). */
  upbringingDeputy: boolean;
  /** Named by the school as its deputy for learning (УВР). */
  learningDeputy?: boolean;
}

/** What a case's question is about: upbringing (ВР: behaviour, family, absence) or learning (УВР). */
export const DEPUTY_AREAS = ["upbringing", "learning"] as const;
export type DeputyArea = (typeof DEPUTY_AREAS)[number];

/**
 * The deputy in charge of what a regulation sends to "the deputy for upbringing": the person the
 * school named for it, whatever their role, else its first deputy. `staff` comes oldest first.
 */
export function deputyInCharge<T extends StaffRoles>(staff: readonly T[]): T | undefined {
  return staff.find((m) => m.upbringingDeputy) ?? staff.find((m) => m.roles.includes("deputy"));
}

/** The school's director (the first, should there be several). */
export function directorOf<T extends StaffRoles>(staff: readonly T[]): T | undefined {
  return staff.find((m) => m.roles.includes("director"));
}

/**
 * The deputy for `area`. Learning: the person the school named for it, else a deputy who is not
 * the one for upbringing, else the deputy for upbringing (a school with one deputy has one for all).
 */
export function deputyForArea<T extends StaffRoles>(staff: readonly T[], area: DeputyArea): T | undefined {
  if (area === "learning") {
    return (
      staff.find((m) => m.learningDeputy) ?? staff.find((m) => m.roles.includes("deputy") && !m.upbringingDeputy) ?? deputyInCharge(staff)
    );
  }
  return deputyInCharge(staff);
}

/** The area a regulation's rule gives a case: its own, or the teacher's answer (upbringing when none was given). */
export function deputyAreaOf(rule: "upbringing" | "learning" | "ask", answer?: DeputyArea): DeputyArea {
  return rule === "ask" ? (answer ?? "upbringing") : rule;
}

/**
 * The deputy of one case: the member stored on it while they are still on the staff, else the
 * rule's deputy for the regulation's area (a case opened before there was a deputy, or whose
 * deputy left).
 */
export function caseDeputyOf<T extends StaffRoles & { memberId: number }>(
  staff: readonly T[],
  storedMemberId: number | null | undefined,
  area: DeputyArea,
): T | undefined {
  return (storedMemberId != null ? staff.find((m) => m.memberId === storedMemberId) : undefined) ?? deputyForArea(staff, area);
}

/** A staff member's post as papers print it («заместитель директора по воспитанию и социализации»). */
export type Post =
  | { key: "director" | "upbringingDeputy" | "learningDeputy" | "deputy" | "specialist" | "teacher" | "staff" }
  | { key: "classTeacher"; classLabel: string };

/**
 * The one post a paper names a member by: the director, a deputy (for upbringing or learning when
 * the school named them), a specialist, the class teacher of their (first) class, a teacher.
 */
export function postOf(member: StaffRoles & { classLabels: readonly string[] }): Post {
  if (member.roles.includes("director")) return { key: "director" };
  if (member.upbringingDeputy) return { key: "upbringingDeputy" };
  if (member.learningDeputy) return { key: "learningDeputy" };
  if (member.roles.includes("deputy")) return { key: "deputy" };
  if (member.roles.includes("specialist")) return { key: "specialist" };
  const classLabel = [...member.classLabels].sort((a, b) => a.localeCompare(b, "ru", { numeric: true }))[0];
  if (classLabel && member.roles.includes("teacher")) return { key: "classTeacher", classLabel };
  if (member.roles.includes("teacher")) return { key: "teacher" };
  return { key: "staff" };
}
