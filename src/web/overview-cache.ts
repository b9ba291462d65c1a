import type { Actor } from "../app/actor.js";
import { can } from "../app/access-policy.js";
import type { DashboardOverview } from "../app/dashboard/dashboard-overview.js";
import type { SchoolCases } from "../app/deputy/school-cases.js";

/*
 * The overview, kept for a short while (decision 021): fifty people opening the dashboard at once
 * would otherwise derive every case of the school fifty times. One entry per school and view (the
 * school-wide one is shared by deputies and the director; a teacher's is their own); concurrent
 * requests for the same entry wait for the one computation. A change made through the dashboard
 * drops its school's entries at once; a change made in the bot shows within TTL_MS.
 */

export const OVERVIEW_TTL_MS = 30_000;

export interface CachedOverview {
  overview: DashboardOverview;
  /** When it was computed (the page says so). */
  at: Date;
  /** The page as rendered, by language, with CSRF_SLOT where the reader's token goes. */
  pages: Map<string, string>;
}

/** Stands in the kept page for the reader's CSRF token (a token is base64url: it never contains it). */
export const CSRF_SLOT = "@@csrf@@";

export function createOverviewCache(now: () => Date) {
  const entries = new Map<string, { at: number; value: Promise<CachedOverview> }>();
  const schools = new Map<number, { at: number; value: Promise<SchoolCases> }>();
  const keyOf = (actor: Actor) =>
    can(actor, "viewSchool")
      ? `${actor.schoolId}:school:${can(actor, "acknowledgeSos") ? "sos" : ""}`
      : `${actor.schoolId}:own:${actor.memberId}`;
  return {
    async get(actor: Actor, compute: () => Promise<DashboardOverview>): Promise<CachedOverview> {
      const key = keyOf(actor);
      const time = now().getTime();
      const found = entries.get(key);
      if (found && time - found.at < OVERVIEW_TTL_MS && time >= found.at) return found.value;
      const value = compute().then((overview) => ({ overview, at: new Date(time), pages: new Map<string, string>() }));
      entries.set(key, { at: time, value });
      // A failure is not kept.
      value.catch(() => entries.delete(key));
      if (entries.size > 10_000) entries.delete(entries.keys().next().value!);
      return value;
    },
    /** The school's derived cases, shared by its people's overviews while kept. */
    schoolCases(load: (schoolId: number) => Promise<SchoolCases>): (schoolId: number) => Promise<SchoolCases> {
      return (schoolId) => {
        const time = now().getTime();
        const found = schools.get(schoolId);
        if (found && time - found.at < OVERVIEW_TTL_MS && time >= found.at) return found.value;
        const value = load(schoolId);
        schools.set(schoolId, { at: time, value });
        value.catch(() => schools.delete(schoolId));
        if (schools.size > 1_000) schools.delete(schools.keys().next().value!);
        return value;
      };
    },
    /** After a change through the dashboard: the school's next overview is computed afresh. */
    dropSchool(schoolId: number): void {
      schools.delete(schoolId);
      for (const key of entries.keys()) if (key.startsWith(`${schoolId}:`)) entries.delete(key);
    },
  };
}
