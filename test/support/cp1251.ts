/**
 * Windows-1251 bytes for a test file, as a Russian-locale Excel saves CSV. Only what class lists
 * use: ASCII, the Cyrillic alphabet with Ё/ё, «», №. Anything else is a mistake in the test.
 */
const EXTRA: Record<string, number> = { Ё: 0xa8, ё: 0xb8, "«": 0xab, "»": 0xbb, "№": 0xb9 };

export function toCp1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    const extra = EXTRA[char];
    if (extra === undefined) throw new Error(`no Windows-1251 byte for "${char}" in the test support`);
    return extra;
  });
}

/** UTF-8 with a byte-order mark, as some tools write it. */
export function toUtf8WithBom(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  return Uint8Array.from([0xef, 0xbb, 0xbf, ...body]);
}
