/**
 * When the planner bench's runs happen (Moscow time): a Tuesday's first run on a database whose
 * dates are unknown, a rerun five minutes later, the first run of the next hour, and the first run
 * of the next school day.
 */
export const PLANNER_RUNS = {
  fresh: "2026-11-24T10:00:00+03:00",
  rerun: "2026-11-24T10:05:00+03:00",
  nextHour: "2026-11-24T11:00:00+03:00",
  nextDay: "2026-11-25T10:00:00+03:00",
} as const;
