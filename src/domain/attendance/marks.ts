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

/** A school keeps at most this many marks of its own. */
export const MAX_SCHOOL_MARKS = 20;

/** The longest mark a school may name (journals use one to three letters). */
export const MAX_MARK_LENGTH = 8;

const MEANINGS: readonly AttendanceMark[] = ["unexcused", "excused", "present"];

/** A mark a school may map: letters and digits (dots and spaces fall away), 1 to MAX_MARK_LENGTH of them; its key, or undefined. */
export function schoolMarkKey(text: string): string | undefined {
  const key = markKey(text);
  return key.length >= 1 && key.length <= MAX_MARK_LENGTH && /^[\p{L}\p{N}]+$/u.test(key) ? key : undefined;
}

/** The school's own marks as stored (a JSON object, key → meaning); anything malformed in it is dropped. */
export function schoolOwnMarks(json: string): Record<string, AttendanceMark> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const own: Record<string, AttendanceMark> = {};
  for (const [key, meaning] of Object.entries(parsed)) {
    if (schoolMarkKey(key) === key && MEANINGS.includes(meaning as AttendanceMark)) own[key] = meaning as AttendanceMark;
  }
  return own;
}

/** The mapping a school's files are read with: the default, with the school's own marks over it. */
export function schoolMarkMapping(ownJson: string): MarkMapping {
  return { ...DEFAULT_MARK_MAPPING, ...schoolOwnMarks(ownJson) };
}

/** The mapping's marks by meaning, for a person to read: {"unexcused": ["н", "нб"], …} ("" is the empty cell). */
export function marksByMeaning(mapping: MarkMapping): Record<AttendanceMark, string[]> {
  const grouped: Record<AttendanceMark, string[]> = { unexcused: [], excused: [], present: [] };
  for (const [key, meaning] of Object.entries(mapping)) grouped[meaning].push(key);
  for (const list of Object.values(grouped)) list.sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b, "ru")));
  return grouped;
}
