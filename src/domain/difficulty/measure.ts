import type { LocalDate } from "../dates.js";

/**
 * A measure taken on a case (section II's record of work with the family, the student and
 * colleagues), as the case file keeps it and the papers print it.
 */
export interface MeasureFacts {
  on: LocalDate;
  /** A MeasurePartner. */
  withWhom: string;
  what: string;
  /** A MeasureForm of that partner, when the teacher chose one. */
  form?: string;
  /** The named person («Сидорова А. В., мать»), when the teacher gave one. */
  person?: string;
  /** What came of it («мать обещала проверять дневник»), when known. */
  result?: string;
}
