import { isLocalDate, type LocalDate } from "../../domain/dates.js";
import { schoolYearStart } from "../../domain/school-year.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { dashboardCases, type SchoolCasesSource } from "./dashboard-overview.js";
import type { DashboardDeps } from "./dashboard-session.js";

/*
 * The figures of a period, as a school reports upward (issue 16): cases opened and closed between
 * two dates by regulation and by class, beside what is open today. The same scope as the overview.
 */

export interface PeriodReport {
  from: LocalDate;
  to: LocalDate;
  today: LocalDate;
  byRegulation: { regulation: Regulation; opened: number; closed: number; openNow: number }[];
  byClass: { classLabel: string; opened: number; closed: number; openNow: number }[];
}

/** The longest period a report covers: two school years. */
const MAX_DAYS = 2 * 366;

export async function getPeriodReport(
  deps: DashboardDeps,
  options: { actor: Actor; from?: string; to?: string; schoolCases?: SchoolCasesSource },
): Promise<PeriodReport> {
  const { actor } = options;
  const { school, cases, scope } = await dashboardCases(deps, actor, options.schoolCases);
  // The school year so far unless said.
  const from = options.from ?? schoolYearStart(school.today);
  const to = options.to ?? school.today;
  if (!isLocalDate(from) || !isLocalDate(to) || from > to || (Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) {
    throw new AppError("invalidInput", `a period from ${from.slice(0, 12)} to ${to.slice(0, 12)}`);
  }
  const history = await createDeputyViewsRepository(deps.db).casesSince(
    school.schoolId,
    from,
    scope === "own" ? actor.memberId : undefined,
  );
  const regulations = new Map<string, PeriodReport["byRegulation"][number]>();
  const classes = new Map<string, PeriodReport["byClass"][number]>();
  const regulationRow = (id: string) => {
    let row = regulations.get(id);
    if (!row && deps.regulations.has(id))
      regulations.set(id, (row = { regulation: deps.regulations.current(id), opened: 0, closed: 0, openNow: 0 }));
    return row;
  };
  const classRow = (label: string) => {
    let row = classes.get(label);
    if (!row) classes.set(label, (row = { classLabel: label, opened: 0, closed: 0, openNow: 0 }));
    return row;
  };
  for (const c of history) {
    const opened = c.openedOn >= from && c.openedOn <= to;
    const closed = c.closedOn !== null && c.closedOn >= from && c.closedOn <= to;
    if (!opened && !closed) continue;
    const r = regulationRow(c.regulationId);
    const k = classRow(c.classLabel ?? "");
    if (opened) r && r.opened++, k.opened++;
    if (closed) r && r.closed++, k.closed++;
  }
  for (const c of cases) {
    const r = regulationRow(c.regulation.id);
    if (r) r.openNow++;
    classRow(c.classLabel ?? "").openNow++;
  }
  return {
    from,
    to,
    today: school.today,
    byRegulation: [...regulations.values()].sort((a, b) => b.opened + b.openNow - (a.opened + a.openNow)),
    byClass: [...classes.values()].sort((a, b) => a.classLabel.localeCompare(b.classLabel, "ru", { numeric: true })),
  };
}
