import type { Db } from "../db/open-database.js";
import type { LocalDate } from "../domain/dates.js";
import type { Tx } from "./case-repository.js";
import type { MeasureFacts } from "../domain/difficulty/measure.js";
import { MEASURE_PARTNERS, type MeasurePartner } from "../domain/difficulty/measure-partner.js";

/** Measures taken for a student in difficulty (section II.1): with whom, what, when, in which form. */

export { MEASURE_PARTNERS, type MeasurePartner };

/** A measure as stored: its facts, and who recorded it. */
export interface CaseMeasureRecord extends MeasureFacts {
  id: number;
  memberId: number;
}

export interface NewCaseMeasure {
  on: LocalDate;
  withWhom: MeasurePartner;
  what: string;
  form?: string;
  person?: string;
  result?: string;
  memberId: number;
}

type Client = Db | Tx;

export function createMeasureRepository(db: Db) {
  return {
    async add(tx: Tx, schoolId: number, caseId: number, measure: NewCaseMeasure): Promise<number> {
      const row = await tx.caseMeasure.create({
        data: {
          schoolId,
          caseId,
          on: measure.on,
          withWhom: measure.withWhom,
          what: measure.what,
          form: measure.form ?? null,
          person: measure.person ?? null,
          result: measure.result ?? null,
          memberId: measure.memberId,
        },
        select: { id: true },
      });
      return row.id;
    },

    /** Oldest first (by date, then by when recorded). */
    async list(schoolId: number, caseId: number, client: Client = db): Promise<CaseMeasureRecord[]> {
      return toRecords(await client.caseMeasure.findMany({ where: { schoolId, caseId }, orderBy: [{ on: "asc" }, { id: "asc" }] }));
    },
  };

  function toRecords(
    rows: {
      id: number;
      on: string;
      withWhom: string;
      what: string;
      memberId: number;
      form: string | null;
      person: string | null;
      result: string | null;
    }[],
  ) {
    return rows.map(
      (r): CaseMeasureRecord => ({
        id: r.id,
        on: r.on,
        withWhom: r.withWhom,
        what: r.what,
        memberId: r.memberId,
        ...(r.form !== null ? { form: r.form } : {}),
        ...(r.person !== null ? { person: r.person } : {}),
        ...(r.result !== null ? { result: r.result } : {}),
      }),
    );
  }
}
