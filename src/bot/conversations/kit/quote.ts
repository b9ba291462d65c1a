import { truncate } from "../../views/format.js";

/** How much of a person's own words a reply repeats back. */
export const QUOTE_MAX = 100;

/**
 * Text a person typed, as a reply may repeat it: on one line and at most `max` characters, cut
 * with «…». A reply that quoted a whole 4,096-character message would be refused by Telegram.
 */
export function quote(text: string, max = QUOTE_MAX): string {
  return truncate(text.replace(/\s+/g, " ").trim(), max);
}
