import { parseRoles, ROLES, type Role } from "../domain/people/roles.js";
import type { Tx } from "./case-repository.js";

/*
 * A member's roles are rows of MemberRole (one per role), so queries can filter people by role in
 * SQL. Read back, they come in the order of ROLES, whatever order they were granted in.
 */

export function rolesOf(rows: readonly { role: Role }[]): Role[] {
  return rows.map((r) => r.role).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}

/** For a new member: `roles: roleRows([...])` inside `member.create`. */
export function roleRows(roles: readonly Role[]) {
  return { create: [...new Set(roles)].map((role) => ({ role })) };
}

/** Replaces a member's roles. */
export async function replaceRoles(tx: Tx, schoolId: number, memberId: number, roles: readonly Role[]): Promise<void> {
  await tx.memberRole.deleteMany({ where: { schoolId, memberId, role: { notIn: [...roles] } } });
  await addRoles(tx, schoolId, memberId, roles);
}

/** Adds roles a member does not hold yet. */
export async function addRoles(tx: Tx, schoolId: number, memberId: number, roles: readonly Role[]): Promise<void> {
  const held = new Set((await tx.memberRole.findMany({ where: { memberId }, select: { role: true } })).map((r) => r.role));
  const missing = [...new Set(roles)].filter((role) => !held.has(role));
  if (missing.length > 0) await tx.memberRole.createMany({ data: missing.map((role) => ({ schoolId, memberId, role })) });
}

/** In raw SQL: a member's roles as one comma-separated text (read back with rolesFromText). */
export function rolesTextSql(provider: "sqlite" | "postgresql", memberId: string): string {
  return provider === "postgresql"
    ? `(SELECT string_agg(r."role"::text, ',') FROM "MemberRole" r WHERE r."memberId" = ${memberId})`
    : `(SELECT group_concat(r."role", ',') FROM "MemberRole" r WHERE r."memberId" = ${memberId})`;
}

/**
 * In raw SQL, to join as `r` ON r."memberId" = m."id": every member's roles as one text ("roles",
 * read back with rolesFromText) and whether they lead the school ("leads": a deputy or a director).
 * For queries over many members: one grouped pass over MemberRole instead of a subquery per member.
 */
export function rolesByMemberSql(provider: "sqlite" | "postgresql"): string {
  return provider === "postgresql"
    ? `(SELECT "memberId", string_agg("role"::text, ',') AS "roles", bool_or("role" IN ('deputy', 'director')) AS "leads" FROM "MemberRole" GROUP BY "memberId")`
    : `(SELECT "memberId", group_concat("role", ',') AS "roles", max("role" IN ('deputy', 'director')) AS "leads" FROM "MemberRole" GROUP BY "memberId")`;
}

export function rolesFromText(text: string | null): Role[] {
  return rolesOf(parseRoles(text ?? "").map((role) => ({ role })));
}
