/** Telegram's limit for one message's text. */
export const MAX_MESSAGE_LENGTH = 4096;

/**
 * Cuts a text into parts Telegram accepts, at a paragraph break where possible, then a line
 * break, then a space; a surrogate pair is never cut in half.
 */
export function splitText(text: string, max = MAX_MESSAGE_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = -1;
    for (const separator of ["\n\n", "\n", " "]) {
      const at = window.lastIndexOf(separator, max);
      if (at > max / 4) {
        cut = at;
        break;
      }
    }
    let next: number;
    if (cut === -1) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
      next = cut;
    } else {
      next = cut;
      while (next < rest.length && /\s/.test(rest[next]!)) next++;
    }
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(next);
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
