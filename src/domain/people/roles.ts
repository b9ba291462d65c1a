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
}

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
