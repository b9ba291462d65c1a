import type { LocalDate } from "../domain/dates.js";
import { decodeCsv } from "./decode-csv.js";
import { parseRoster, type ParsedRoster } from "./parse-roster.js";

/** Larger files are refused before they are downloaded or read. */
export const MAX_ROSTER_BYTES = 1024 * 1024;

/** A CSV class list from its bytes, in whichever encoding and separator it was saved. */
export function readRoster(bytes: Uint8Array, today?: LocalDate): ParsedRoster {
  return parseRoster(decodeCsv(bytes), { today });
}
