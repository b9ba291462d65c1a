import type { Db } from "../db/open-database.js";
import type { LocalDate } from "../domain/dates.js";
import type { ParentRelation } from "../domain/people/parents.js";
import type { Tx } from "./case-repository.js";
import { searchNameOf } from "../domain/people/search-name.js";

/** A student's parents and legal guardians, and the class teacher's «характеристика». */

export interface ParentRecord {
  id: number;
  fullName: string;
  relation: ParentRelation;
  phone?: string;
}

export interface NewParent {
  studentId: number;
  fullName: string;
  relation: ParentRelation;
  phone?: string;
}

export interface Characteristic {
  text: string;
  on: LocalDate;
  /** The member who wrote it. */
  by: number;
}

type Client = Db | Tx;

export function createFamilyRepository(db: Db) {
  return {
    async parents(schoolId: number, studentId: number, client: Client = db): Promise<ParentRecord[]> {
      const rows = await client.studentParent.findMany({ where: { schoolId, studentId }, orderBy: { id: "asc" } });
      return rows.map((r) => ({
        id: r.id,
        fullName: r.fullName,
        relation: r.relation as ParentRelation,
        ...(r.phone ? { phone: r.phone } : {}),
      }));
    },

    /**
     * Adds the parents not yet recorded (the same relation and name, «ё» as «е», any case): a
     * roster imported twice, or a parent typed again, adds nothing. Returns how many were added.
     */
    async addMissing(tx: Tx, schoolId: number, parents: readonly NewParent[]): Promise<number> {
      if (parents.length === 0) return 0;
      const studentIds = [...new Set(parents.map((p) => p.studentId))];
      const stored = await tx.studentParent.findMany({
        where: { schoolId, studentId: { in: studentIds } },
        select: { studentId: true, relation: true, fullName: true },
      });
      const key = (p: { studentId: number; relation: string; fullName: string }) =>
        `${p.studentId}:${p.relation}:${searchNameOf(p.fullName)}`;
      const seen = new Set(stored.map(key));
      const fresh = parents.filter((p) => !seen.has(key(p)) && seen.add(key(p)));
      if (fresh.length === 0) return 0;
      const { count } = await tx.studentParent.createMany({
        data: fresh.map((p) => ({ schoolId, studentId: p.studentId, fullName: p.fullName, relation: p.relation, phone: p.phone ?? null })),
      });
      return count;
    },

    async remove(tx: Tx, schoolId: number, studentId: number, parentId: number): Promise<boolean> {
      return (await tx.studentParent.deleteMany({ where: { id: parentId, schoolId, studentId } })).count > 0;
    },

    async characteristic(schoolId: number, studentId: number): Promise<Characteristic | undefined> {
      const row = await db.student.findFirst({
        where: { id: studentId, schoolId },
        select: { characteristic: true, characteristicOn: true, characteristicBy: true },
      });
      if (!row?.characteristic || !row.characteristicOn || row.characteristicBy === null) return undefined;
      return { text: row.characteristic, on: row.characteristicOn, by: row.characteristicBy };
    },

    async setCharacteristic(tx: Tx, schoolId: number, studentId: number, value: Characteristic): Promise<boolean> {
      const { count } = await tx.student.updateMany({
        where: { id: studentId, schoolId },
        data: { characteristic: value.text, characteristicOn: value.on, characteristicBy: value.by },
      });
      return count > 0;
    },
  };
}
