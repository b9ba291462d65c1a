import { localClock } from "../../domain/reminders/local-time.js";
import type { SosStaff } from "../../repositories/sos-repository.js";

/** «Смирнова Мария Ивановна» → «Смирнова М. И.» */
export function shortName(fullName: string): string {
  const [surname, ...given] = fullName.trim().split(/\s+/);
  if (!surname) return "";
  return [surname, ...given.map((g) => `${g[0]!.toUpperCase()}.`)].join(" ");
}

/** «dd.MM HH:mm» on the school's clock. */
export function schoolTime(at: Date, timeZone: string): string {
  const c = localClock(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${c.date.slice(8, 10)}.${c.date.slice(5, 7)} ${pad(c.hour)}:${pad(c.minute)}`;
}

/**
 * Round 1 goes to the director(s) and the deputy for upbringing (every deputy when none is marked);
 * from round 2 to every deputy as well. Never to the teacher who raised it.
 */
export function sosRecipients(staff: readonly SosStaff[], round: number, teacherMemberId: number): SosStaff[] {
  const deputies = staff.filter((s) => s.roles.includes("deputy"));
  const upbringing = deputies.filter((s) => s.upbringingDeputy);
  const chosenDeputies = round > 1 || upbringing.length === 0 ? deputies : upbringing;
  const chosen = new Set([...staff.filter((s) => s.roles.includes("director")), ...chosenDeputies]);
  return [...chosen].filter((s) => s.memberId !== teacherMemberId && s.reachable);
}
