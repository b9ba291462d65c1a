/** What a person types as their name and phone, in the form stored and shown to colleagues. */

const NAME_PATTERN = /^[\p{L}][\p{L}\s.'’-]{1,99}$/u;

/** "  Петрова   Ольга " → "Петрова Ольга"; undefined when it does not look like a name. */
export function normalizeFullName(text: string): string | undefined {
  const name = text.trim().replace(/\s+/g, " ");
  return NAME_PATTERN.test(name) ? name : undefined;
}

/**
 * "+7 (916) 123-45-67", "8 916 123 45 67", "79161234567" → "+79161234567". Ten digits are taken as
 * a Russian number without the country code. Undefined when it is not a phone number.
 */
export function normalizePhone(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s()-]+$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/\D/g, "");
  if (digits.length === 10) digits = `7${digits}`;
  else if (digits.length === 11 && digits.startsWith("8") && !trimmed.startsWith("+")) digits = `7${digits.slice(1)}`;
  return digits.length >= 11 && digits.length <= 15 ? `+${digits}` : undefined;
}
