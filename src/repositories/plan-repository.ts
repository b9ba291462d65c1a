import type { Db } from "../db/open-database.js";
import type { LocalDate } from "../domain/dates.js";
import { parseCaseId, type Tx } from "./case-repository.js";
import { placeholders, providerOfClient } from "./outbox-repository.js";
import { isPlanArea, type PlanArea } from "../domain/plans/plan-areas.js";
import { readRaw } from "../db/raw-sql.js";

/*
 * The ИПР of a case: its measures (what, who, by when, done when) and the files attached to it.
 * Every query is scoped by the school and the case, like the case repository's.
 */

export interface PlanMeasureRecord {
  id: number;
  what: string;
  /** Absent for a measure recorded before the ИПР asked for areas (printed with the student's). */
  area?: PlanArea;
  who: string;
  dueOn?: LocalDate;
  doneOn?: LocalDate;
  position: number;
}

export interface CaseAttachmentRecord {
  id: number;
  kind: string;
  telegramFile: string;
  fileName: string;
  size?: number;
  mimeType?: string;
  /** The member who attached it. */
  addedBy?: number;
  createdAt: Date;
}

export interface NewPlanMeasure {
  what: string;
  area?: PlanArea;
  who: string;
  dueOn?: LocalDate;
}

export interface NewAttachment {
  kind: string;
  telegramFile: string;
  fileName: string;
  size?: number;
  mimeType?: string;
  addedBy?: number;
  /** The use case's clock, so that the list and the case file date it as the chronology does. */
  at: Date;
}

type Client = Db | Tx;

const measureSelect = { id: true, what: true, area: true, who: true, dueOn: true, doneOn: true, position: true } as const;

function toMeasure(row: {
  id: number;
  what: string;
  area: string | null;
  who: string;
  dueOn: string | null;
  doneOn: string | null;
  position: number;
}): PlanMeasureRecord {
  return {
    id: row.id,
    what: row.what,
    who: row.who,
    position: row.position,
    ...(isPlanArea(row.area) ? { area: row.area } : {}),
    ...(row.dueOn !== null ? { dueOn: row.dueOn } : {}),
    ...(row.doneOn !== null ? { doneOn: row.doneOn } : {}),
  };
}

export function createPlanRepository(db: Db) {
  return {
    async measures(schoolId: number, caseId: string, client: Client = db): Promise<PlanMeasureRecord[]> {
      const id = parseCaseId(caseId);
      if (id === undefined) return [];
      // Raw: a card with a plan reads them on every press.
      const p = placeholders(providerOfClient(db));
      const rows = await readRaw<(Omit<Parameters<typeof toMeasure>[0], "id" | "position"> & { id: unknown; position: unknown })[]>(
        client,
        `SELECT "id", "what", "area", "who", "dueOn", "doneOn", "position" FROM "PlanMeasure" ` +
          `WHERE "schoolId" = ${p()} AND "caseId" = ${p()} ORDER BY "position", "id"`,
        schoolId,
        id,
      );
      return rows.map((row) => toMeasure({ ...row, id: Number(row.id), position: Number(row.position) }));
    },

    async findMeasure(schoolId: number, caseId: string, measureId: number, client: Client = db): Promise<PlanMeasureRecord | undefined> {
      const id = parseCaseId(caseId);
      if (id === undefined) return undefined;
      const row = await client.planMeasure.findFirst({ where: { id: measureId, schoolId, caseId: id }, select: measureSelect });
      return row ? toMeasure(row) : undefined;
    },

    /** Appends a measure at the end of the plan; returns its id. */
    async addMeasure(tx: Tx, schoolId: number, caseId: string, measure: NewPlanMeasure): Promise<number> {
      const id = parseCaseId(caseId)!;
      const last = await tx.planMeasure.findFirst({
        where: { schoolId, caseId: id },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      const row = await tx.planMeasure.create({
        data: {
          schoolId,
          caseId: id,
          what: measure.what,
          area: measure.area ?? null,
          who: measure.who,
          dueOn: measure.dueOn ?? null,
          position: (last?.position ?? 0) + 1,
        },
        select: { id: true },
      });
      return row.id;
    },

    async setMeasureDone(tx: Tx, schoolId: number, caseId: string, measureId: number, doneOn: LocalDate | null): Promise<void> {
      const id = parseCaseId(caseId)!;
      await tx.planMeasure.updateMany({ where: { id: measureId, schoolId, caseId: id }, data: { doneOn } });
    },

    async attachments(schoolId: number, caseId: string, kind?: string): Promise<CaseAttachmentRecord[]> {
      const id = parseCaseId(caseId);
      if (id === undefined) return [];
      // Raw: a card with a plan lists its files on every press (a DateTime comes back as a Date on either provider).
      const p = placeholders(providerOfClient(db));
      const rows = await readRaw<
        {
          id: unknown;
          kind: string;
          telegramFile: string;
          fileName: string;
          createdAt: Date;
          size: unknown;
          mimeType: string | null;
          addedBy: unknown;
        }[]
      >(
        db,
        `SELECT "id", "kind", "telegramFile", "fileName", "createdAt", "size", "mimeType", "addedBy" FROM "CaseAttachment" ` +
          `WHERE "schoolId" = ${p()} AND "caseId" = ${p()}${kind ? ` AND "kind" = ${p()}` : ""} ORDER BY "id"`,
        schoolId,
        id,
        ...(kind ? [kind] : []),
      );
      return rows.map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        telegramFile: row.telegramFile,
        fileName: row.fileName,
        createdAt: new Date(row.createdAt),
        ...(row.size !== null ? { size: Number(row.size) } : {}),
        ...(row.mimeType !== null ? { mimeType: row.mimeType } : {}),
        ...(row.addedBy !== null ? { addedBy: Number(row.addedBy) } : {}),
      }));
    },

    async addAttachment(tx: Tx, schoolId: number, caseId: string, attachment: NewAttachment): Promise<number> {
      const id = parseCaseId(caseId)!;
      const row = await tx.caseAttachment.create({
        data: {
          schoolId,
          caseId: id,
          kind: attachment.kind,
          telegramFile: attachment.telegramFile,
          fileName: attachment.fileName,
          size: attachment.size ?? null,
          mimeType: attachment.mimeType ?? null,
          addedBy: attachment.addedBy ?? null,
          createdAt: attachment.at,
        },
        select: { id: true },
      });
      return row.id;
    },
  };
}

export type PlanRepository = ReturnType<typeof createPlanRepository>;
