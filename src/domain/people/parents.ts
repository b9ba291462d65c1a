/** Who a parent or legal guardian is to the student; the case file and the card say it in words. */
export const PARENT_RELATIONS = ["mother", "father", "guardian", "other"] as const;
export type ParentRelation = (typeof PARENT_RELATIONS)[number];

export function isParentRelation(value: string): value is ParentRelation {
  return (PARENT_RELATIONS as readonly string[]).includes(value);
}

export const PARENT_NAME_MAX = 150;
const NAME_LETTERS = /^[\p{L}][\p{L}\s.'’-]*$/u;

/** A parent's name as typed or in a roster cell: letters, spaces, dots, hyphens; undefined if it is not one. */
export function parentName(text: string): string | undefined {
  const name = text.trim().replace(/\s+/g, " ");
  return name && name.length <= PARENT_NAME_MAX && NAME_LETTERS.test(name) ? name : undefined;
}

/**
 * A phone number in one form: a Russian one (8…, 7…, +7…, with or without spaces, brackets and
 * hyphens; or 10 digits starting with 9) as +7XXXXXXXXXX; another country's as + and its 8–15
 * digits. Undefined for anything else.
 */
export function normalizePhone(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s()\-.]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, "");
  const plus = trimmed.startsWith("+");
  if (digits.length === 11 && (digits.startsWith("7") || (!plus && digits.startsWith("8")))) return `+7${digits.slice(1)}`;
  if (!plus && digits.length === 10 && digits.startsWith("9")) return `+7${digits}`;
  if (plus && !digits.startsWith("7") && digits.length >= 8 && digits.length <= 15) return `+${digits}`;
  return undefined;
}

/** «+7 (916) 123-45-67», as a school writes it; other numbers as stored. */
export function formatPhone(phone: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return m ? `+7 (${m[1]}) ${m[2]}-${m[3]}-${m[4]}` : phone;
}
