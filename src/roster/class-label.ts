/**
 * Class labels as schools write them — «7Б», «7 б», «7-Б», «11 "А"», «7-1» — in one form: the
 * grade, then an upper-case Cyrillic letter (no separator) or a number (after a hyphen).
 */

// Latin letters that look like Cyrillic ones: «7B» typed on an English layout is «7В».
const LOOKALIKES: Record<string, string> = {
  A: "А",
  B: "В",
  C: "С",
  E: "Е",
  H: "Н",
  K: "К",
  M: "М",
  O: "О",
  P: "Р",
  T: "Т",
  X: "Х",
  Y: "У",
};

const LABEL = /^(1[01]|[1-9])[-.]?(?:([А-ЯЁ]{1,2})|(\d{1,2}))?$/;

/** The normal form of a class label, or undefined when it is not one. */
export function normalizeClassLabel(text: string): string | undefined {
  const compact = text
    .trim()
    .toUpperCase()
    .replace(/[\s"'«»„“”]/g, "")
    .replace(/[ABCEHKMOPTXY]/g, (letter) => LOOKALIKES[letter]!);
  const match = LABEL.exec(compact);
  if (!match) return undefined;
  const [, grade, letter, number] = match;
  if (letter) return `${grade}${letter}`;
  if (number) return `${grade}-${number}`;
  return grade;
}
