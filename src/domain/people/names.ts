/** "Иванов Пётр Сергеевич" → "Иванов П.": how a student appears where a notification shows. */
export function shortName(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  const initial = rest[0]?.[0];
  return initial ? `${surname} ${initial.toUpperCase()}.` : (surname ?? "");
}

/** "Кузнецова Елена Викторовна" → "Кузнецова Е. В.": a colleague named on a card. */
export function surnameWithInitials(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  const initials = rest.map((part) => `${part[0]!.toUpperCase()}.`).join(" ");
  return initials ? `${surname} ${initials}` : (surname ?? "");
}

/**
 * The surname of `inCase` (the full name already declined, e.g. «Кузнецовой Елене Викторовне»)
 * with the initials of `fullName`: «Кузнецовой Е. В.», as a memo names its addressee and author.
 */
export function surnameInCaseWithInitials(fullName: string, inCase: string): string {
  const [surname] = inCase.trim().split(/\s+/);
  const [, ...rest] = fullName.trim().split(/\s+/);
  const initials = rest.map((part) => `${part[0]!.toUpperCase()}.`).join(" ");
  return initials ? `${surname} ${initials}` : (surname ?? "");
}

/** "Иванов П., 7Б", or just the class for a class-level case. */
export function subjectLabel(studentName: string | undefined, classLabel: string | undefined, short = true): string {
  const name = studentName ? (short ? shortName(studentName) : studentName) : undefined;
  return [name, classLabel].filter(Boolean).join(", ");
}
