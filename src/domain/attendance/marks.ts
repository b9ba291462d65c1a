import type { AttendanceMark } from "./absence-run.js";

/*
 * A journal's marks and what they mean for the early warning. Journals differ («Н», «Б», «УП»,
 * «ОП», «П», or words), so a school may change the mapping; this is the default.
 */

export type MarkMapping = Readonly<Record<string, AttendanceMark>>;

/** «Н» absent without a valid reason; «УП», «Б» a valid reason; «ОП» late and «П» present; an empty cell present. */
export const DEFAULT_MARK_MAPPING: MarkMapping = {
  н: "unexcused",
  нб: "unexcused",
  уп: "excused",
  б: "excused",
  оп: "present",
  п: "present",
  "": "present",
};

/** A mark as compared: lower case, «ё» as «е», no spaces or dots («У.П.» is «уп»). */
export function markKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\s.]+/g, "");
}

/** What `text` means under `mapping`; undefined for a mark the mapping does not know. */
export function meaningOf(text: string, mapping: MarkMapping = DEFAULT_MARK_MAPPING): AttendanceMark | undefined {
  return mapping[markKey(text)];
}
